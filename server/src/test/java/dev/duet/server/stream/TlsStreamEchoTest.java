package dev.duet.server.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.common.Openssl;
import dev.duet.server.tls.ClientTls;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tcp --tls: every byte comes back over TLS, and mutual TLS turns away a client without a certificate. */
class TlsStreamEchoTest {
    @TempDir
    Path dir;

    private static SSLSocket connect(SSLContext tls, int port) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** A TCP echo on a free loopback port, with these TLS flags. */
    private static StreamEchoServer start(List<String> tlsFlags) throws IOException {
        List<String> words = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--quiet"));
        words.addAll(tlsFlags);
        return StreamEchoServer.start(StreamServerConfig.tcp(words.toArray(String[]::new)));
    }

    @Test
    void everyByteComesBackOverTls() throws Exception {
        Path cert = dir.resolve("served.pem");
        try (StreamEchoServer server = start(List.of("--tls", "self-signed", "--write-cert", cert.toString()))) {
            byte[] payload = new byte[300_000];
            new Random(7).nextBytes(payload);
            try (SSLSocket socket = connect(ClientTls.trusting(cert), server.port())) {
                OutputStream out = socket.getOutputStream();
                Thread writer = new Thread(() -> {
                    try {
                        out.write(payload);
                        out.flush();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                writer.start();
                byte[] back = new byte[payload.length];
                new DataInputStream(socket.getInputStream()).readFully(back);
                writer.join();
                assertArrayEquals(payload, back);
                assertEquals("TLSv1.3", socket.getSession().getProtocol());
            }
        }
    }

    @Test
    void mutualTlsTurnsAwayAClientWithoutACertificate() throws Exception {
        Openssl.MutualTls pki = new Openssl(dir).mutualTls();
        try (StreamEchoServer server = start(pki.serverFlags())) {
            try (SSLSocket anonymous = connect(ClientTls.trusting(pki.ca()), server.port())) {
                // TLS 1.3 finishes the client's side first: the refusal arrives on the first read
                assertThrows(IOException.class, () -> {
                    anonymous.getOutputStream().write('x');
                    anonymous.getOutputStream().flush();
                    if (anonymous.getInputStream().read() < 0) {
                        throw new IOException("closed without an echo");
                    }
                });
            }
            try (SSLSocket known =
                    connect(ClientTls.presenting(pki.ca(), pki.clientCert(), pki.clientKey()), server.port())) {
                known.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                known.getOutputStream().flush();
                InputStream in = known.getInputStream();
                assertEquals("ping", new String(in.readNBytes(4), StandardCharsets.US_ASCII));
            }
        }
    }
}
