package dev.duet.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.client.MutualTlsEcho;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https as curl users call it: --cacert, -k, --cert and --key, --http2, and curl's exit codes. */
class TlsFlagsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpEchoServer selfSigned(Path cert) {
        return HttpEchoServer.start(
                HttpServerConfig.ephemeral("--quiet", "--tls", "self-signed", "--write-cert", cert.toString()));
    }

    @Test
    void theServersOwnCertificateTrustedByCacertGivesTheAnswerOverHttp2() throws Exception {
        Path cert = dir.resolve("served.pem");
        try (HttpEchoServer server = selfSigned(cert)) {
            String url = "https://localhost:" + server.port() + "/hello?x=1";
            assertEquals(
                    new ClientRun.Result(0, "statusCode: 200\n/hello?x=1\n", ""),
                    ClientRun.run("--cacert", cert.toString(), "--http2", url));

            ClientRun.Result r = ClientRun.run("--cacert", cert.toString(), "--http2", "--json", url);
            assertEquals(0, r.exitCode(), r.err());
            JsonNode line = JSON.readTree(r.out());
            assertEquals("HTTP/2.0", line.get("protocol").asText());
            assertEquals("TLSv1.3", line.get("tls").get("version").asText());
            assertTrue(line.get("tls").get("cipher").asText().startsWith("TLS_"), r.out());
            assertTrue(line.get("timings").get("tlsMs").asDouble() > 0, r.out());

            JsonNode plain = JSON.readTree(
                    ClientRun.run("--cacert", cert.toString(), "--json", url).out());
            assertEquals("HTTP/1.1", plain.get("protocol").asText()); // HTTP/2 only when asked
        }
    }

    @Test
    void aNameWithoutADotIsSentAsTheServerNameAsCurlSendsIt() throws Exception {
        Path cert = dir.resolve("sni.pem");
        try (HttpEchoServer server = selfSigned(cert)) {
            String url = "https://localhost:" + server.port() + "/sni";
            for (List<String> trust : List.of(List.of("--cacert", cert.toString()), List.of("-k"))) {
                List<String> args = new ArrayList<>(trust);
                args.addAll(List.of("-H", "Accept: application/json", url));
                ClientRun.Result r = ClientRun.run(args.toArray(String[]::new));
                String echo = r.out().substring(r.out().indexOf('\n') + 1);
                assertEquals(
                        "localhost", JSON.readTree(echo).get("tls").get("sni").asText(), r.out());
            }
            // an address is never a server name (RFC 6066)
            ClientRun.Result r =
                    ClientRun.run("-k", "-H", "Accept: application/json", "https://127.0.0.1:" + server.port() + "/ip");
            assertTrue(
                    JSON.readTree(r.out().substring(r.out().indexOf('\n') + 1))
                            .get("tls")
                            .get("sni")
                            .isNull(),
                    r.out());
        }
    }

    @Test
    void anUntrustedCertificateIsExit60AndInsecureTrustsIt() {
        Path cert = dir.resolve("served.pem");
        try (HttpEchoServer server = selfSigned(cert)) {
            String url = "https://localhost:" + server.port() + "/k";
            ClientRun.Result refused = ClientRun.run(url);
            assertEquals(60, refused.exitCode());
            assertEquals(
                    "duet-client: the certificate of localhost:" + server.port()
                            + " is not trusted: unable to find valid certification path to requested target\n",
                    refused.err());
            assertEquals(new ClientRun.Result(0, "statusCode: 200\n/k\n", ""), ClientRun.run("-k", url));
            assertEquals(new ClientRun.Result(0, "statusCode: 200\n/k\n", ""), ClientRun.run("--insecure", url));
        }
    }

    @Test
    void anUnreadableCacertIsExit77() {
        Path missing = dir.resolve("none.pem");
        ClientRun.Result r = ClientRun.run("--cacert", missing.toString(), "https://localhost:1/");
        assertEquals(new ClientRun.Result(77, "", "duet-client: --cacert: " + missing + ": no such file\n"), r);
    }

    @Test
    void mutualTlsRefusesNoCertificateWith35AndNamesTheOneGiven() throws Exception {
        try (MutualTlsEcho server = new MutualTlsEcho(dir)) {
            String url = "https://localhost:" + server.port() + "/m";
            server.assertRefusedWithoutACertificate(tls -> ClientRun.run(command(tls, url)));

            List<String> json = new ArrayList<>(server.knownClientFlags());
            json.addAll(List.of("-H", "Accept: application/json"));
            ClientRun.Result known = ClientRun.run(command(json, url));
            assertEquals(0, known.exitCode(), known.err());
            String body = known.out().substring("statusCode: 200\n".length());
            assertEquals(
                    "CN=duet client,O=Duet",
                    JSON.readTree(body).get("tls").get("clientCertificate").asText());
        }
    }

    private static String[] command(List<String> flags, String url) {
        List<String> args = new ArrayList<>(flags);
        args.add(url);
        return args.toArray(String[]::new);
    }

    @Test
    void aClientCertificateThatCannotBeReadIsExit58AndOneWithoutItsKeyIsUsage() {
        Path missing = dir.resolve("client.pem");
        ClientRun.Result r =
                ClientRun.run("--cert", missing.toString(), "--key", missing.toString(), "https://localhost:1/");
        assertEquals(new ClientRun.Result(58, "", "duet-client: --cert/--key: " + missing + ": no such file\n"), r);
        ClientRun.Result alone = ClientRun.run("--cert", missing.toString(), "https://localhost:1/");
        assertEquals(2, alone.exitCode());
        assertTrue(alone.err().startsWith("duet-client: --cert and --key go together"), alone.err());
    }
}
