package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.common.Await;
import dev.duet.common.Openssl;
import dev.duet.server.FileProblem;
import dev.duet.server.Instance;
import dev.duet.server.ServerIdentity;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.metrics.Activity;
import dev.duet.server.metrics.Metrics;
import dev.duet.server.tls.ClientTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The echo over TLS, as clients meet it: a certificate made at start or read from openssl's files,
 * HTTP/2 chosen by ALPN, TLS 1.2 and 1.3, and mutual TLS refusing a client without a certificate.
 */
class TlsEchoTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static HttpClient client(SSLContext tls, HttpClient.Version version, String... protocols) {
        HttpClient.Builder builder =
                HttpClient.newBuilder().sslContext(tls).version(version).connectTimeout(Duration.ofSeconds(5));
        if (protocols.length > 0) {
            SSLParameters parameters = new SSLParameters();
            parameters.setProtocols(protocols);
            builder.sslParameters(parameters);
        }
        return builder.build();
    }

    private static HttpResponse<String> get(HttpClient client, int port, String target, String accept)
            throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + target))
                        .header("Accept", accept)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSelfSignedServerSpeaksHttp2ByAlpnWithTheCertificateItWrote() throws Exception {
        Path cert = dir.resolve("served.pem");
        try (HttpEchoServer server = HttpEchoServer.start(
                HttpServerConfig.ephemeral("--tls", "self-signed", "--write-cert", cert.toString()))) {
            HttpClient client = client(ClientTls.trusting(cert), HttpClient.Version.HTTP_2);
            HttpResponse<String> plain = get(client, server.port(), "/hello?x=1&y=%41", "*/*");
            assertEquals(200, plain.statusCode());
            assertEquals("/hello?x=1&y=%41", plain.body());
            assertEquals(HttpClient.Version.HTTP_2, plain.version());

            JsonNode doc = JSON.readTree(
                    get(client, server.port(), "/j", "application/json").body());
            assertEquals("HTTP/2.0", doc.get("protocol").asText());
            JsonNode tls = doc.get("tls");
            assertEquals("TLSv1.3", tls.get("version").asText());
            assertEquals("h2", tls.get("alpn").asText());
            assertEquals("localhost", tls.get("sni").asText());
            assertTrue(tls.get("cipher").asText().startsWith("TLS_"), tls.toString());
            assertTrue(tls.get("clientCertificate").isNull(), tls.toString());
        }
    }

    @Test
    void theSelfSignedCertificateNamesTheAddressesTheJsonEchoReports() throws Exception {
        Path cert = dir.resolve("addresses.pem");
        try (HttpEchoServer server = HttpEchoServer.start(
                HttpServerConfig.ephemeral("--tls", "self-signed", "--write-cert", cert.toString()))) {
            JsonNode doc = JSON.readTree(get(
                            client(ClientTls.trusting(cert), HttpClient.Version.HTTP_1_1),
                            server.port(),
                            "/a",
                            "application/json")
                    .body());
            java.util.Set<java.net.InetAddress> reported = new java.util.HashSet<>();
            for (JsonNode address : doc.get("server").get("addresses")) {
                reported.add(java.net.InetAddress.getByName(address.asText()));
            }
            java.util.Set<java.net.InetAddress> named = new java.util.HashSet<>();
            for (List<?> san : dev.duet.common.Pem.certificates(cert).get(0).getSubjectAlternativeNames()) {
                if ((Integer) san.get(0) == 7) { // iPAddress
                    named.add(java.net.InetAddress.getByName((String) san.get(1)));
                }
            }
            assertEquals(reported, named);
        }
    }

    @Test
    void aClientThatAsksForHttp11AndTls12GetsThem() throws Exception {
        Path cert = dir.resolve("served.pem");
        try (HttpEchoServer server = HttpEchoServer.start(
                HttpServerConfig.ephemeral("--tls", "self-signed", "--write-cert", cert.toString()))) {
            HttpClient client = client(ClientTls.trusting(cert), HttpClient.Version.HTTP_1_1, "TLSv1.2");
            HttpResponse<String> answer = get(client, server.port(), "/j", "application/json");
            assertEquals(HttpClient.Version.HTTP_1_1, answer.version());
            JsonNode doc = JSON.readTree(answer.body());
            assertEquals("HTTP/1.1", doc.get("protocol").asText());
            assertEquals("TLSv1.2", doc.get("tls").get("version").asText());
        }
    }

    @Test
    void aClientOfferingOnlyHttp11ByAlpnIsServedHttp11() throws Exception {
        Path cert = dir.resolve("served.pem");
        try (HttpEchoServer server = HttpEchoServer.start(
                        HttpServerConfig.ephemeral("--tls", "self-signed", "--write-cert", cert.toString()));
                SSLSocket socket = (SSLSocket)
                        ClientTls.trusting(cert).getSocketFactory().createSocket("localhost", server.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"http/1.1"}); // as curl --http1.1 offers
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertEquals("http/1.1", socket.getApplicationProtocol());
            socket.getOutputStream()
                    .write(
                            "GET /one HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            assertTrue(answer.contains("\"alpn\":\"http/1.1\""), answer);
        }
    }

    @Test
    void aCertificateAndPkcs1RsaKeyFromOpensslAreServed() throws Exception {
        Openssl openssl = new Openssl(dir);
        Path ca = openssl.ca();
        Path cert = openssl.signed("server", "/CN=duet server", true);
        assertTrue(Files.readString(openssl.file("server.key")).contains("BEGIN RSA PRIVATE KEY"));
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral(
                "--cert", cert.toString(), "--key", openssl.file("server.key").toString()))) {
            HttpResponse<String> answer =
                    get(client(ClientTls.trusting(ca), HttpClient.Version.HTTP_2), server.port(), "/ca", "*/*");
            assertEquals("/ca", answer.body());
        }
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificateAndNamesOneWithIt() throws Exception {
        Openssl.MutualTls pki = new Openssl(dir).mutualTls();
        try (HttpEchoServer server = HttpEchoServer.start(
                HttpServerConfig.ephemeral(pki.serverFlags().toArray(String[]::new)))) {
            HttpClient anonymous = client(ClientTls.trusting(pki.ca()), HttpClient.Version.HTTP_1_1);
            assertThrows(IOException.class, () -> get(anonymous, server.port(), "/no", "*/*"));

            HttpClient known = client(
                    ClientTls.presenting(pki.ca(), pki.clientCert(), pki.clientKey()), HttpClient.Version.HTTP_1_1);
            JsonNode doc = JSON.readTree(
                    get(known, server.port(), "/yes", "application/json").body());
            assertEquals(
                    "CN=duet client,O=Duet",
                    doc.get("tls").get("clientCertificate").asText());
        }
    }

    @Test
    void aMissingKeyFileIsOneLineNamingIt() {
        Path missing = dir.resolve("nope.key");
        FileProblem e = assertThrows(
                FileProblem.class,
                () -> HttpEchoServer.start(HttpServerConfig.ephemeral(
                        "--cert", dir.resolve("c.pem").toString(), "--key", missing.toString())));
        assertEquals("--key " + missing + ": no such file", e.getMessage());
    }

    @Test
    void aTlsConnectionCountsOnceAndEndsWhenItCloses() throws Exception {
        Path cert = dir.resolve("served.pem");
        Metrics metrics = Metrics.create();
        Instance instance = new Instance(
                new ServerIdentity("t", "t", List.of("127.0.0.1")), metrics, Activity.NONE, LogFormat.TEXT);
        try (HttpEchoServer server = HttpEchoServer.start(
                HttpServerConfig.ephemeral("--quiet", "--tls", "self-signed", "--write-cert", cert.toString()),
                instance)) {
            SSLContext tls = ClientTls.trusting(cert);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write("GET /once HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = new String(readAll(socket.getInputStream()), StandardCharsets.US_ASCII);
                assertTrue(answer.endsWith("\r\n\r\n/once"), answer);
            }
            String text = awaitMetric(metrics, "duet_connections_active{transport=\"http\"} 0.0");
            assertTrue(text.contains("duet_connections_total{transport=\"http\"} 1.0"), text);
        }
    }

    /** A TLS 1.2 socket to {@code port} offering only {@code suite}, handshaken. */
    private static SSLSocket tls12(SSLContext context, int port, String suite) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port);
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        socket.setEnabledCipherSuites(new String[] {suite});
        socket.startHandshake();
        return socket;
    }

    @Test
    void tls12OffersOnlyAeadSuitesUnlessLegacyOnesAreAskedFor() throws Exception {
        Path cert = dir.resolve("served.pem");
        String cbc = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", gcm = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
        try (HttpEchoServer server = HttpEchoServer.start(
                HttpServerConfig.ephemeral("--tls", "self-signed", "--write-cert", cert.toString()))) {
            SSLContext trusting = ClientTls.trusting(cert);
            assertThrows(
                    SSLHandshakeException.class,
                    () -> tls12(trusting, server.port(), cbc).close());
            try (SSLSocket socket = tls12(trusting, server.port(), gcm)) {
                assertEquals(gcm, socket.getSession().getCipherSuite());
            }
        }
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral(
                        "--tls", "self-signed", "--write-cert", cert.toString(), "--tls-ciphers", "legacy"));
                SSLSocket socket = tls12(ClientTls.trusting(cert), server.port(), cbc)) {
            assertEquals(cbc, socket.getSession().getCipherSuite());
        }
    }

    @Test
    void aRenegotiationTheClientStartsIsRefusedWithAnAlert() throws Exception {
        Path cert = dir.resolve("served.pem");
        try (HttpEchoServer server = HttpEchoServer.start(
                        HttpServerConfig.ephemeral("--tls", "self-signed", "--write-cert", cert.toString()));
                SSLSocket socket =
                        tls12(ClientTls.trusting(cert), server.port(), "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
            socket.startHandshake(); // a second handshake on TLS 1.2: a renegotiation
            SSLException refused = assertThrows(
                    SSLException.class, () -> socket.getInputStream().read());
            // an alert the client can name, not a connection that just ends
            assertEquals("Received fatal alert: handshake_failure", refused.getMessage());
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    /** The exposition once it shows {@code line}: Jetty counts a close just after the client sees it. */
    static String awaitMetric(Metrics metrics, String line) throws Exception {
        return Await.until(
                "\"" + line + "\" in /metrics",
                Duration.ofSeconds(10),
                () -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    metrics.writeTo(out);
                    return out.toString(StandardCharsets.UTF_8);
                },
                text -> text.contains(line + "\n"));
    }
}
