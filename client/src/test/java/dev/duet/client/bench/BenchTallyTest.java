package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.client.NamedServer;
import dev.duet.client.http.RoundRobinProxy;
import dev.duet.server.http.HttpEchoServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** bench --tally: which replica answered under load, second by second, through a replica going away. */
class BenchTallyTest {
    @Test
    void sharesLatencyAndErrorsAreCountedByReplica() throws Exception {
        try (HttpEchoServer a = NamedServer.start("replica-a", "--quiet");
                HttpEchoServer b = NamedServer.start("replica-b", "--quiet");
                RoundRobinProxy balancer = RoundRobinProxy.to(a.port(), b.port())) {
            ClientRun.Result r = ClientRun.run(
                    "bench",
                    "http://127.0.0.1:" + balancer.port() + "/t",
                    "--tally",
                    "--json",
                    "--concurrency",
                    "4",
                    "--duration",
                    "1s");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode report = new ObjectMapper().readTree(r.out());
            JsonNode replicas = report.get("replicas");
            assertEquals(List.of("replica-a", "replica-b"), sorted(replicas.fieldNames()), r.out());
            long answers = 0;
            for (JsonNode replica : replicas) {
                assertEquals(List.of("answers", "share", "p50Ms", "p99Ms", "errors"), list(replica.fieldNames()));
                assertEquals(0, replica.get("errors").asLong());
                assertTrue(
                        replica.get("p50Ms").asDouble() <= replica.get("p99Ms").asDouble(), r.out());
                answers += replica.get("answers").asLong();
            }
            assertEquals(report.get("answered").asLong(), answers, "every answer named its replica");
            // keep-alive connections, two to each: the shares are the connections' rates, both well above nothing
            assertTrue(replicas.get("replica-a").get("share").asDouble() > 0.1, r.out());
            long timelineAnswers = 0;
            for (JsonNode second : report.get("timeline")) {
                assertEquals(List.of("second", "answers"), list(second.fieldNames()));
                assertEquals(
                        List.of("replica-a", "replica-b"),
                        list(second.get("answers").fieldNames()));
                timelineAnswers += second.get("answers").get("replica-a").asLong()
                        + second.get("answers").get("replica-b").asLong();
            }
            assertEquals(answers, timelineAnswers, "the seconds add up to the run");
            // the series (what --report plots) names the replicas of each second too
            assertEquals(
                    report.get("timeline").get(0).get("answers"),
                    report.get("series").get(0).get("replicas"),
                    r.out());
        }
    }

    @Test
    void aReplicaThatDrainsLosesItsShareAndIsBlamedForWhatFailsWithIt() throws Exception {
        HttpEchoServer old = NamedServer.start("old", "--quiet");
        try (HttpEchoServer fresh = NamedServer.start("new", "--quiet");
                RoundRobinProxy balancer = RoundRobinProxy.to(old.port(), fresh.port())) {
            CompletableFuture<ClientRun.Result> run = CompletableFuture.supplyAsync(() -> ClientRun.run(
                    "bench",
                    "http://127.0.0.1:" + balancer.port() + "/t",
                    "--tally",
                    "--json",
                    "--concurrency",
                    "4",
                    "--rate",
                    "100",
                    "--duration",
                    "4s",
                    "--timeout",
                    "2s"));
            // the scenario is a timeline: a second of both, a second of old draining, then old gone
            Thread.sleep(1_000);
            old.drain();
            Thread.sleep(1_000);
            old.close();
            ClientRun.Result r = run.get();
            assertEquals(0, r.exitCode(), r.err());
            JsonNode report = new ObjectMapper().readTree(r.out());
            JsonNode timeline = report.get("timeline");
            assertTrue(timeline.get(0).get("answers").get("old").asLong() > 0, "old answered at first: " + timeline);
            JsonNode last = timeline.get(timeline.size() - 1).get("answers");
            assertEquals(0, last.get("old").asLong(), "old's share fell to nothing: " + timeline);
            assertTrue(last.get("new").asLong() > 0, "new took it all: " + timeline);
            JsonNode replicas = report.get("replicas");
            assertEquals(0, replicas.get("new").get("errors").asLong(), r.out());
            assertEquals(
                    report.get("errors").asLong(),
                    replicas.get("old").get("errors").asLong(),
                    "every failure happened with the replica that was going: " + r.out());
        } finally {
            old.close();
        }
    }

    @Test
    void theTableShowsEachReplicaAndEachSecond() {
        try (HttpEchoServer a = NamedServer.start("only-one", "--quiet")) {
            ClientRun.Result r = ClientRun.run(
                    "bench",
                    "http://127.0.0.1:" + a.port() + "/t",
                    "--tally",
                    "--concurrency",
                    "2",
                    "--duration",
                    "1500ms");
            assertEquals(0, r.exitCode(), r.err());
            List<String> lines = r.out().lines().toList();
            int at = lines.indexOf("replicas: 1 answered");
            assertTrue(at > 0, r.out());
            assertEquals("  replica      answers   share        p50        p99   errors", lines.get(at + 1));
            assertTrue(
                    lines.get(at + 2).matches("  only-one  +[\\d,]+  100\\.0%  +[\\d.]+ms  +[\\d.]+ms  +0"), r.out());
            assertEquals("answers a second:", lines.get(at + 3));
            assertEquals("  second  only-one", lines.get(at + 4));
            assertTrue(lines.get(at + 5).matches("  +0  +[\\d,]+"), r.out());
        }
    }

    @Test
    void tallyNeedsTheRunsNumbers() {
        ClientRun.Result r = ClientRun.run("bench", "http://127.0.0.1:1/", "--tally", "--run-id", "off");
        assertEquals(2, r.exitCode());
        assertTrue(
                r.err().contains("--tally reads the server each answer names in X-Duet-Seen, which needs --run-id on"),
                r.err());
    }

    private static List<String> list(java.util.Iterator<String> names) {
        List<String> all = new java.util.ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }

    private static List<String> sorted(java.util.Iterator<String> names) {
        return list(names).stream().sorted().toList();
    }
}
