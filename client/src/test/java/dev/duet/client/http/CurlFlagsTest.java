package dev.duet.client.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.common.Openssl;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.http.RunningEchoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The curl flags a proxy tester reaches for first (-o, -v, -L, --resolve, --connect-to), against
 * the real server, with curl itself run the same way as the reference for what each must do.
 */
class CurlFlagsTest {
    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--quiet");

    @TempDir
    Path dir;

    private static String url(String target) {
        return "http://127.0.0.1:" + server.port() + target;
    }

    private static ClientRun.Result curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS"));
        command.addAll(List.of(args));
        return ClientRun.process(command, Map.of());
    }

    @Test
    void outputWritesTheBodyToTheFileByteForByteAsCurlDoes() throws Exception {
        Path ours = dir.resolve("ours.txt");
        Path curls = dir.resolve("curls.txt");
        String sized = "X-Duet-Size: 100000";
        assertEquals(
                new ClientRun.Result(0, "statusCode: 200\n", ""),
                ClientRun.run(url("/big"), "-H", sized, "-o", ours.toString()));
        assertEquals(0, curl("-H", sized, "-o", curls.toString(), url("/big")).exitCode());
        assertEquals(100_000, Files.size(ours));
        assertArrayEquals(Files.readAllBytes(curls), Files.readAllBytes(ours));
        // no newline added to a body that has none, as the terminal gets
        ClientRun.run(url("/x"), "--output", ours.toString());
        assertEquals("/x", Files.readString(ours));
    }

    @Test
    void anOutputFileThatCannotBeWrittenIsExit23AsCurlsIs() throws Exception {
        Path nowhere = dir.resolve("none").resolve("x.txt");
        assertEquals(
                new ClientRun.Result(
                        23,
                        "statusCode: 200\n",
                        "duet-client: -o " + nowhere + ": cannot write: no such directory: " + nowhere.getParent()
                                + "\n"),
                ClientRun.run(url("/o"), "-o", nowhere.toString()));
        assertEquals(23, curl("-o", nowhere.toString(), url("/o")).exitCode());
    }

    @Test
    void verboseShowsEachHeadOnStderrWithItsCredentialsHidden() {
        ClientRun.Result r = ClientRun.run(
                url("/v?x=1"),
                "-v",
                "-H",
                "Authorization: Bearer sekrit-token",
                "-H",
                "Cookie: session=abc123; theme=dark",
                "-H",
                "X-Duet-Header: X-Answer: yes");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("statusCode: 200\n/v?x=1\n", r.out());
        inOrder(
                r.err(),
                "* connected to 127.0.0.1 (127.0.0.1) port " + server.port(),
                "> GET /v?x=1 HTTP/1.1",
                "> Authorization: Bearer ***",
                "> Cookie: session=***; theme=***",
                "> X-Duet-Header: X-Answer: yes",
                "> Host: 127.0.0.1:" + server.port(),
                ">",
                "< HTTP/1.1 200 OK",
                "< X-Answer: yes",
                "< Content-Length: 6",
                "<");
        for (String secret : List.of("sekrit", "abc123", "dark")) {
            assertTrue(!r.err().contains(secret), secret + " shown: " + r.err());
        }
    }

    @Test
    void setCookieKeepsItsNameAndAttributesAndHidesItsValue() {
        assertEquals("id=***; Path=/; HttpOnly", VerboseLog.shown("Set-Cookie", "id=s3cr3t; Path=/; HttpOnly"));
        assertEquals("Basic ***", VerboseLog.shown("Proxy-Authorization", "Basic YW5uOnNlY3JldA=="));
        assertEquals("***", VerboseLog.shown("authorization", "sekrit"));
        assertEquals("text/plain", VerboseLog.shown("Content-Type", "text/plain"));
    }

    @Test
    void locationFollowsARedirectAsCurlDoes() throws Exception {
        String redirect = "HTTP/1.1 302 Found\r\nLocation: " + url("/landed?from=raw")
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        try (RawServer ours = RawServer.answering(redirect);
                RawServer curls = RawServer.answering(redirect)) {
            assertEquals(
                    new ClientRun.Result(0, "statusCode: 200\n/landed?from=raw\n", ""),
                    ClientRun.run(ours.address() + "/start", "-L"));
            assertEquals(
                    "/landed?from=raw",
                    curl("-L", "http://" + curls.address() + "/start").out());
        }
        // without -L the redirect is the answer, as curl shows it
        try (RawServer shown = RawServer.answering(redirect)) {
            assertEquals(new ClientRun.Result(0, "statusCode: 302\n", ""), ClientRun.run(shown.address() + "/start"));
        }
    }

    @Test
    void locationStopsAfter20RedirectsWithCurlsExit47() throws Exception {
        // the controls travel with every hop, so each answer redirects again
        String[] loop = {"-H", "X-Duet-Status: 302", "-H", "X-Duet-Header: Location: /loop"};
        List<String> ours = new ArrayList<>(List.of(url("/loop"), "-L"));
        ours.addAll(List.of(loop));
        assertEquals(
                new ClientRun.Result(
                        47,
                        "",
                        "duet-client: 127.0.0.1:" + server.port()
                                + " redirected more than 20 times (-L follows no more)\n"),
                ClientRun.run(ours.toArray(String[]::new)));
        List<String> curls = new ArrayList<>(List.of("-L", "--max-redirs", "20", url("/loop")));
        curls.addAll(List.of(loop));
        assertEquals(47, curl(curls.toArray(String[]::new)).exitCode());
    }

    @Test
    void resolveAndConnectToReachANameWithNoDnsSendingItsHostAndSniAsCurlDoes() throws Exception {
        String cert = new Openssl(dir).selfSignedFor("echo.duet.test").toString();
        try (HttpEchoServer named = HttpEchoServer.start(HttpServerConfig.ephemeral(
                "--quiet",
                "--cert",
                cert,
                "--key",
                dir.resolve("echo.duet.test.key").toString()))) {
            String port = String.valueOf(named.port());
            String byName = "https://echo.duet.test:" + port + "/r";
            // the name has no DNS (.test is reserved): only --resolve reaches it
            assertEquals(6, ClientRun.run(byName, "--cacert", cert).exitCode());

            String resolve = "echo.duet.test:" + port + ":127.0.0.1";
            JsonNode ours = echo(
                    ClientRun.run(byName, "--resolve", resolve, "--cacert", cert, "-H", "Accept: application/json"));
            // over HTTP/1.1, as duet-client speaks by default: HTTP/2 sends the host as :authority
            JsonNode curls = echo(curl(
                    "--http1.1", "--resolve", resolve, "--cacert", cert, "-H", "Accept: application/json", byName));
            assertEquals("echo.duet.test:" + port, ours.at("/headers/Host/0").asText(), ours.toString());
            assertEquals("echo.duet.test", ours.at("/tls/sni").asText(), ours.toString());
            assertEquals(curls.at("/headers/Host"), ours.at("/headers/Host"));
            assertEquals(curls.at("/tls/sni"), ours.at("/tls/sni"));

            // the default port in the URL, the connection to the test's: Host without a port
            String connectTo = "echo.duet.test:443:127.0.0.1:" + port;
            String onDefaultPort = "https://echo.duet.test/c";
            JsonNode moved = echo(ClientRun.run(
                    onDefaultPort, "--connect-to", connectTo, "--cacert", cert, "-H", "Accept: application/json"));
            JsonNode curlMoved = echo(curl(
                    "--http1.1",
                    "--connect-to",
                    connectTo,
                    "--cacert",
                    cert,
                    "-H",
                    "Accept: application/json",
                    onDefaultPort));
            assertEquals("echo.duet.test", moved.at("/headers/Host/0").asText(), moved.toString());
            assertEquals("echo.duet.test", moved.at("/tls/sni").asText(), moved.toString());
            assertEquals(curlMoved.at("/headers/Host"), moved.at("/headers/Host"));
            assertEquals(curlMoved.at("/tls/sni"), moved.at("/tls/sni"));

            // the certificate is checked against the URL's name, not the address it went to
            ClientRun.Result otherName = ClientRun.run(
                    "https://other.duet.test:" + port + "/x",
                    "--resolve",
                    "other.duet.test:" + port + ":127.0.0.1",
                    "--cacert",
                    cert);
            assertEquals(60, otherName.exitCode(), otherName.err());
        }
    }

    @Test
    void aRouteThatDoesNotParseIsAUsageError() {
        assertEquals(
                "duet-client: --resolve: expected HOST:PORT:ADDR, as echo.example:443:127.0.0.1, got \"echo.test\"",
                ClientRun.run(url("/"), "--resolve", "echo.test")
                        .err()
                        .lines()
                        .findFirst()
                        .orElseThrow());
        assertEquals(
                "duet-client: --resolve: expected an IP address as ADDR in \"echo.test:80:example.com\"",
                ClientRun.run(url("/"), "--resolve", "echo.test:80:example.com")
                        .err()
                        .lines()
                        .findFirst()
                        .orElseThrow());
        assertEquals(2, ClientRun.run(url("/"), "--connect-to", "a:b:c:d").exitCode());
    }

    /** The JSON echo in a run's output, after duet-client's status line if there is one. */
    private static JsonNode echo(ClientRun.Result r) throws Exception {
        assertEquals(0, r.exitCode(), r.err());
        String body =
                r.out().startsWith("statusCode: ") ? r.out().substring(r.out().indexOf('\n') + 1) : r.out();
        return new ObjectMapper().readTree(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Each of {@code lines} is a line of {@code text}, in this order. */
    private static void inOrder(String text, String... lines) {
        List<String> all = text.lines().toList();
        int at = 0;
        for (String line : lines) {
            while (at < all.size() && !all.get(at).equals(line)) {
                at++;
            }
            assertTrue(at < all.size(), "no \"" + line + "\" in order in:\n" + text);
            at++;
        }
    }
}
