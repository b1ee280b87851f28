package dev.duet.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.client.NamedServer;
import dev.duet.server.http.HttpEchoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code get --tally}: three real Duet servers behind a real (if tiny) round-robin balancer, and
 * the count of which one answered each request, each request on a connection of its own.
 */
class TallyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE_HEAD = "| server | answers | share | median ms |\n|---|---|---|---|\n";

    private static final List<HttpEchoServer> servers = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        for (String name : List.of("s1", "s2", "s3")) {
            servers.add(named(name, "--quiet"));
        }
    }

    @AfterAll
    static void stop() {
        servers.forEach(HttpEchoServer::close);
    }

    private static HttpEchoServer named(String name, String... flags) {
        return NamedServer.start(name, flags);
    }

    private static Integer port(int server) {
        return servers.get(server).port();
    }

    @Test
    void thirtyRequestsThroughARoundRobinBalancerAreTenForEachOfThreeServers() throws Exception {
        try (RoundRobinProxy proxy = RoundRobinProxy.to(port(0), port(1), port(2))) {
            ClientRun.Result r = ClientRun.run(proxy.address() + "/hello", "--tally", "--count", "30");

            assertEquals(0, r.exitCode(), r.err());
            assertEquals("", r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals(7, lines.size(), r.out());
            assertEquals(
                    "tally http://" + proxy.address() + "/hello: 30 requests, each on a new connection", lines.get(0));
            assertTrue(r.out().contains("\n" + TABLE_HEAD), r.out());
            for (int i = 0; i < 3; i++) {
                assertRow("s" + (i + 1), 10, "33.3%", lines.get(3 + i));
            }
            assertEquals("3 servers answered 30 of 30 requests", lines.get(6));
            // a connection for each request: the balancer chose 30 times, for 30 client ports
            assertEquals(30, proxy.accepted());
            assertEquals(30, proxy.distinctClientPorts());
        }
    }

    @Test
    void jsonGivesTheTallyAsOneObject() throws Exception {
        try (RoundRobinProxy proxy = RoundRobinProxy.to(port(0), port(1), port(2))) {
            ClientRun.Result r = ClientRun.run(proxy.address() + "/j", "--tally", "--count", "6", "--json");

            assertEquals(0, r.exitCode(), r.err());
            assertEquals(1, r.out().lines().count(), r.out());
            JsonNode tally = JSON.readTree(r.out());
            assertEquals("http://" + proxy.address() + "/j", tally.get("url").asText());
            assertEquals(6, tally.get("requests").asInt());
            assertEquals(6, tally.get("answered").asInt());
            assertEquals(0, tally.get("failed").asInt());
            assertTrue(tally.get("firstError").isNull(), r.out());
            JsonNode listed = tally.get("servers");
            assertEquals(3, listed.size(), r.out());
            for (int i = 0; i < 3; i++) {
                JsonNode server = listed.get(i);
                assertEquals("s" + (i + 1), server.get("name").asText());
                assertEquals(2, server.get("answers").asInt());
                assertEquals(33.3, server.get("share").asDouble());
                assertTrue(server.get("medianMs").asDouble() > 0, r.out());
            }
            assertEquals(6, proxy.accepted());
        }
    }

    @Test
    void aBackendThatIsDownIsCountedAsFailedAndTheOthersAreStillTallied() throws Exception {
        int down = closedPort();
        try (RoundRobinProxy proxy = RoundRobinProxy.to(port(0), port(1), down)) {
            ClientRun.Result r = ClientRun.run(proxy.address() + "/x", "--tally", "--count", "30");

            String failure = proxy.address() + " closed the connection without an answer";
            assertEquals(1, r.exitCode(), r.out());
            assertEquals("duet-client: 10 of 30 requests failed; the first: " + failure + "\n", r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals(6, lines.size(), r.out());
            assertRow("s1", 10, "33.3%", lines.get(3));
            assertRow("s2", 10, "33.3%", lines.get(4));
            assertEquals("2 servers answered 20 of 30 requests; 10 failed, the first: " + failure, lines.get(5));

            ClientRun.Result json = ClientRun.run(proxy.address() + "/x", "--tally", "--count", "3", "--json");
            assertEquals(1, json.exitCode());
            JsonNode tally = JSON.readTree(json.out());
            assertEquals(1, tally.get("failed").asInt());
            assertEquals(failure, tally.get("firstError").asText());
        }
    }

    @Test
    void overTlsAndHttp2EachRequestStillHasAConnectionOfItsOwn() throws Exception {
        List<HttpEchoServer> tls = new ArrayList<>();
        try {
            for (String name : List.of("t1", "t2", "t3")) {
                Path cert = dir.resolve(name + ".pem");
                tls.add(named(name, "--quiet", "--tls", "self-signed", "--write-cert", cert.toString()));
            }
            try (RoundRobinProxy proxy = RoundRobinProxy.to(
                    tls.get(0).port(), tls.get(1).port(), tls.get(2).port())) {
                ClientRun.Result r = ClientRun.run(
                        "https://localhost:" + proxy.port() + "/s", "--tally", "--count", "9", "-k", "--http2");

                assertEquals(0, r.exitCode(), r.err());
                List<String> lines = r.out().lines().toList();
                for (int i = 0; i < 3; i++) {
                    assertRow("t" + (i + 1), 3, "33.3%", lines.get(3 + i));
                }
                assertEquals("3 servers answered 9 of 9 requests", lines.get(6));
                assertEquals(9, proxy.accepted());
            }
            // and h2c, by prior knowledge
            try (RoundRobinProxy proxy = RoundRobinProxy.to(port(0), port(1), port(2))) {
                ClientRun.Result r = ClientRun.run(proxy.address() + "/c", "--tally", "--count", "6", "--http2");
                assertEquals(0, r.exitCode(), r.err());
                assertTrue(r.out().endsWith("\n3 servers answered 6 of 6 requests\n"), r.out());
                assertEquals(6, proxy.accepted());
            }
        } finally {
            tls.forEach(HttpEchoServer::close);
        }
    }

    @Test
    void withoutCountATallySendsTwentyAndABodyGoesWithEach() {
        ClientRun.Result r = ClientRun.run("127.0.0.1:" + port(1) + "/p", "--tally", "-d", "hi");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("tally http://127.0.0.1:" + port(1) + "/p: 20 requests, each on a new connection", lines.get(0));
        assertRow("s2", 20, "100.0%", lines.get(3));
        assertEquals("1 server answered 20 of 20 requests", lines.get(4));
    }

    @Test
    void anErrorStatusOrAnAnswerThatIsNotDuetsJsonIsAFailure() throws Exception {
        String address = "127.0.0.1:" + port(0);
        ClientRun.Result refused =
                ClientRun.run(address + "/busy", "--tally", "--count", "2", "-H", "X-Duet-Status: 503");
        assertEquals(1, refused.exitCode());
        assertTrue(
                refused.out()
                        .endsWith("\nno server answered any of 2 requests; 2 failed, the first: " + address
                                + " answered 503\n"),
                refused.out());

        try (RawServer plain = RawServer.answering(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\nConnection: close\r\n\r\n/hello")) {
            ClientRun.Result r = ClientRun.run(plain.address() + "/hello", "--tally", "--count", "1");
            assertEquals(1, r.exitCode());
            assertEquals(
                    "duet-client: 1 of 1 requests failed; the first: the answer from " + plain.address()
                            + " is not Duet's JSON echo (no server.name)\n",
                    r.err());
            assertTrue(plain.requestHead().contains("\r\nAccept: application/json\r\n"), plain.requestHead());
        }
    }

    @Test
    void aServerNameFromTheNetworkIsEscapedInTheTable() {
        try (HttpEchoServer odd = named("a|b\u001b[2J", "--quiet")) {
            ClientRun.Result r = ClientRun.run("127.0.0.1:" + odd.port() + "/", "--tally", "--count", "1");
            assertEquals(0, r.exitCode(), r.err());
            assertRow(
                    Pattern.quote("a\\|b\\x1b[2J"),
                    1,
                    "100.0%",
                    r.out().lines().toList().get(3));
        }
    }

    @Test
    void includeAndHeadDoNotCombineWithTally() {
        ClientRun.Result include = ClientRun.run("127.0.0.1:1/", "--tally", "-i");
        assertEquals(
                new ClientRun.Result(
                        2,
                        "",
                        "duet-client: --tally prints who answered, not the answers: it does not take -i\n"
                                + "Try \"duet-client get --help\".\n"),
                include);
        ClientRun.Result head = ClientRun.run("127.0.0.1:1/", "--tally", "-X", "HEAD");
        assertEquals(2, head.exitCode());
        assertTrue(head.err().startsWith("duet-client: --tally reads the JSON echo"), head.err());
    }

    /** A table row: the name, the count, the share, and some median in milliseconds. */
    private static void assertRow(String name, int answers, String share, String line) {
        String pattern = "\\| " + (name.startsWith("\\Q") ? name : Pattern.quote(name)) + " \\| " + answers + " \\| "
                + Pattern.quote(share) + " \\| \\d+\\.\\d\\d \\|";
        assertTrue(line.matches(pattern), line + " is not a row for " + name);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }
}
