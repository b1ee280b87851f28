package dev.duet.client.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.duet.client.http.RoundRobinProxy;
import dev.duet.common.RunHeaders;
import dev.duet.server.Instance;
import dev.duet.server.ServerIdentity;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.metrics.Activity;
import dev.duet.server.metrics.Metrics;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The end of a run asks every replica that answered for its tally, through the same balancer,
 * each question on a new connection, and merges them: arrivals summed, numbers united.
 */
class ServerTalliesTest {
    private static final OkHttpClient FRESH = new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(0, 1, TimeUnit.MILLISECONDS))
            .build();

    private static HttpEchoServer named(String name) {
        Instance instance = new Instance(
                new ServerIdentity(name, "localhost", List.of("127.0.0.1")),
                Metrics.OFF,
                Activity.NONE,
                LogFormat.TEXT);
        return HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"), instance);
    }

    /** Sends request {@code seq} of {@code run} straight to {@code server}; returns the answer's X-Duet-Seen. */
    private static String send(HttpEchoServer server, Run run, int seq) throws Exception {
        Request request = new Request.Builder()
                .url("http://127.0.0.1:" + server.port() + "/t")
                .header(RunHeaders.RUN, run.id())
                .header(RunHeaders.SEQ, Integer.toString(seq))
                .build();
        try (Response response = FRESH.newCall(request).execute()) {
            return response.header(RunHeaders.SEEN);
        }
    }

    @Test
    void tallyOfEveryReplicaMergedIntoOne() throws Exception {
        try (HttpEchoServer a = named("replica-a");
                HttpEchoServer b = named("replica-b");
                RoundRobinProxy balancer = RoundRobinProxy.to(a.port(), b.port())) {
            Run run = Run.start();
            Answers answers = new Answers(run);
            for (int seq = 1; seq <= 6; seq++) {
                run.next();
                answers.answered(seq, send(seq % 2 == 0 ? a : b, run, seq));
            }
            send(a, run, 3); // request 3 went to b; a retrying hop sent it to a as well
            run.next(); // request 7 is sent and lost on the way: no server sees it
            ServerTallies.Merged merged = ServerTallies.fetch(
                    FRESH,
                    new Request.Builder().url("http://127.0.0.1:" + balancer.port() + "/t"),
                    run,
                    answers.servers());
            assertEquals(new ServerTallies.Merged(7, 6, Set.of()), merged);
            assertEquals(
                    new RunCounts(7, 6, 6L, 1L, 1L, 0L), RunCounts.of(answers, merged), "sent 7, one lost, one twice");
        }
    }

    @Test
    void aReplicaThatCannotBeReachedIsSaidToBeMissing() throws Exception {
        try (HttpEchoServer a = named("replica-a")) {
            Run run = Run.start();
            Answers answers = new Answers(run);
            run.next();
            answers.answered(1, send(a, run, 1));
            answers.answered(2, "run=" + run.id() + "; seq=2; count=1; server=gone");
            run.next();
            ServerTallies.Merged merged = ServerTallies.fetch(
                    FRESH, new Request.Builder().url("http://127.0.0.1:" + a.port() + "/t"), run, answers.servers());
            assertEquals(new ServerTallies.Merged(1, 1, Set.of("gone")), merged);
        }
    }

    @Test
    void aPathThatGivesNoTallyGivesNothing() throws Exception {
        int closed;
        try (java.net.ServerSocket gone = new java.net.ServerSocket(0)) {
            closed = gone.getLocalPort();
        }
        // a balancer whose backend refuses: each question ends in a closed connection
        try (RoundRobinProxy broken = RoundRobinProxy.to(closed)) {
            assertNull(ServerTallies.fetch(
                    FRESH,
                    new Request.Builder().url("http://127.0.0.1:" + broken.port() + "/t"),
                    Run.start(),
                    Set.of("x")));
        }
    }
}
