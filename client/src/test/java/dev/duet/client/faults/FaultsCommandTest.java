package dev.duet.client.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the server itself, with nothing between, each fault reads exactly as the server
 * produces it: the baseline every path is compared with.
 */
class FaultsCommandTest {
    private static HttpEchoServer server;

    @BeforeAll
    static void start() {
        server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet", "--max-body", "2MiB"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String url() {
        return "http://127.0.0.1:" + server.port() + "/f";
    }

    @Test
    void directlyEachFaultIsWhatTheServerProduced() throws Exception {
        ClientRun.Result r =
                ClientRun.run("faults", url(), "--json", "--slow", "1s", "--timeout", "3s", "--big-body", "1MiB");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode outcomes = new ObjectMapper().readTree(r.out());
        List<String> rows = new ArrayList<>();
        for (JsonNode o : outcomes) {
            assertEquals(
                    List.of("fault", "status", "error", "ms", "connectionKept", "serverSaw"),
                    iterable(o.fieldNames()),
                    "every key, in order");
            rows.add(o.get("fault").asText() + " " + o.get("status") + " " + o.get("error") + " "
                    + o.get("connectionKept") + " " + o.get("serverSaw"));
        }
        assertEquals(
                List.of(
                        "503 503 null true 1",
                        "500 500 null true 1",
                        "slow 200 null true 1",
                        "close null \"closed\" false 1",
                        "reset null \"reset\" false 1",
                        "hang null \"timeout\" false 1",
                        "cut 200 \"partial\" false 1",
                        "trickle 200 null true 1",
                        "big-header 200 null true 1",
                        "big-body 200 null true 1"),
                rows);
        // the server cannot be early: its timers are lower bounds
        assertTrue(ms(outcomes, "slow") >= 1000, r.out());
        assertTrue(ms(outcomes, "trickle") >= 1000, r.out());
        assertTrue(ms(outcomes, "hang") >= 3000, r.out());
        assertTrue(ms(outcomes, "503") < 3000, r.out());
    }

    @Test
    void theTableSaysTheSameForAPerson() {
        ClientRun.Result r = ClientRun.run("faults", url(), "--only", "reset,503", "--slow", "1s");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("faults through " + url() + " (slow 1s, big body 10MiB, each waited for up to 16s)", lines.get(0));
        assertEquals("fault       status  error                time  kept  server saw", lines.get(1));
        assertTrue(lines.get(2).matches("503 {12}503  - {10}[ \\d,.]{11} ms  yes   1"), lines.get(2));
        assertTrue(lines.get(3).matches("reset {12}-  reset {6}[ \\d,.]{11} ms  no    1"), lines.get(3));
        assertEquals(4, lines.size(), "in the table's order, whatever --only's: " + r.out());
    }

    @Test
    void aMistypedFaultIsAUsageError() {
        ClientRun.Result r = ClientRun.run("faults", url(), "--only", "503,hnag");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("duet-client: --only: unknown fault \"hnag\" (did you mean \"hang\"?)"), r.err());
    }

    @Test
    void aTimeoutNoLongerThanSlowCouldNeverSeeTheSlowAnswer() {
        ClientRun.Result r = ClientRun.run("faults", url(), "--slow", "5s", "--timeout", "5s");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--timeout 5s is no longer than --slow 5s"), r.err());
    }

    @Test
    void noServerAtAllIsExit7() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ClientRun.Result r = ClientRun.run("faults", "http://127.0.0.1:" + port + "/", "--only", "503,close");
        assertEquals(7, r.exitCode(), r.out() + r.err());
        assertEquals("duet-client: cannot connect to 127.0.0.1:" + port + " (refused)\n", r.err());
    }

    private static double ms(JsonNode outcomes, String fault) {
        for (JsonNode o : outcomes) {
            if (o.get("fault").asText().equals(fault)) {
                return o.get("ms").asDouble();
            }
        }
        throw new AssertionError("no " + fault);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
