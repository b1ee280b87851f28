package dev.duet.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.common.Openssl;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A real echo server that asks every client for a certificate signed by its own test CA. */
public final class MutualTlsEcho implements AutoCloseable {
    private final Openssl.MutualTls pki;
    private final HttpEchoServer server;

    public MutualTlsEcho(Path dir) throws Exception {
        pki = new Openssl(dir).mutualTls();
        List<String> flags = new ArrayList<>(List.of("--quiet"));
        flags.addAll(pki.serverFlags());
        server = HttpEchoServer.start(HttpServerConfig.ephemeral(flags.toArray(String[]::new)));
    }

    public Openssl.MutualTls pki() {
        return pki;
    }

    public int port() {
        return server.port();
    }

    /**
     * Runs the client five times without a certificate, each run as {@code run} makes it from
     * --cacert's flags: each must end with exit 35 and a line naming the failed handshake. Under
     * TLS 1.3 the refusal comes after the handshake, as the alert or as a connection closed under
     * the request, and the client must say the same either way.
     */
    public void assertRefusedWithoutACertificate(Function<List<String>, ClientRun.Result> run) {
        for (int i = 0; i < 5; i++) {
            ClientRun.Result anonymous = run.apply(List.of("--cacert", pki.ca().toString()));
            assertEquals(35, anonymous.exitCode(), anonymous.err());
            assertTrue(
                    anonymous.err().startsWith("duet-client: TLS handshake with localhost:" + port() + " failed: "),
                    anonymous.err());
        }
    }

    /** --cacert, --cert and --key: the flags of a client the server knows. */
    public List<String> knownClientFlags() {
        return List.of(
                "--cacert",
                pki.ca().toString(),
                "--cert",
                pki.clientCert().toString(),
                "--key",
                pki.clientKey().toString());
    }

    @Override
    public void close() {
        server.close();
    }
}
