package dev.duet.client.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ConnectFailure;
import dev.duet.client.Failure;
import dev.duet.client.bench.ErrorKinds;
import dev.duet.client.count.Run;
import dev.duet.client.count.ServerTallies;
import dev.duet.client.http.Http1Socket;
import dev.duet.client.http.HttpClients;
import dev.duet.client.http.RequestSpec;
import dev.duet.client.http.ShownUrl;
import dev.duet.common.ByteSizes;
import dev.duet.common.Durations;
import dev.duet.common.RunHeaders;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * {@code duet-client faults URL}: asks the server, through whatever stands between, for each
 * failure it can produce, and reports what reached the client: a status (the server's, or one a
 * hop made of the failure), or how the exchange broke; how long that took; whether the connection
 * lived on; and how many times the server saw the request, from its tally of a run of one. Each
 * fault goes on a connection of its own, all at once, so the run takes as long as the slowest.
 */
public final class FaultsCommand {
    private final FaultsConfig config;
    private final PrintStream out;

    public FaultsCommand(FaultsConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public void run() throws Failure, InterruptedException, IOException {
        // the tally goes the way the fault went: the name's first address, as the fault's own socket
        // took it (turning to the next would ask a ::1 that a path on 127.0.0.1 does not listen on)
        OkHttpClient tallies = ServerTallies.client(
                        HttpClients.builder(config.url().isHttps(), false, config.tls(), config.timeout()))
                .build();
        List<FaultOutcome> outcomes = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(config.only().size(), task -> {
            Thread thread = new Thread(task, "duet-fault");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<FaultOutcome>> asked = new ArrayList<>();
            for (Fault fault : config.only()) {
                asked.add(threads.submit(() -> ask(fault, tallies)));
            }
            for (Future<FaultOutcome> outcome : asked) {
                outcomes.add(outcome.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Failure failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            threads.shutdownNow();
        }
        if (outcomes.stream().allMatch(o -> o.error() != null && ErrorKinds.notConnected(o.error()))) {
            throw new Failure(
                    Failure.Kind.CANNOT_CONNECT,
                    "cannot connect to " + ShownUrl.address(config.url()) + " ("
                            + outcomes.get(0).error() + ")");
        }
        if (config.json()) {
            out.println(new ObjectMapper().writeValueAsString(outcomes));
        } else {
            print(outcomes);
        }
    }

    /** One fault: asked on a connection of its own, numbered as a run of one so the server counts it. */
    private FaultOutcome ask(Fault fault, OkHttpClient tallies) throws Failure {
        Run run = Run.start();
        String head = head(fault, run.id(), run.next());
        Http1Socket.Answer answer;
        boolean kept;
        long start = System.nanoTime();
        try (Http1Socket socket = Http1Socket.open(config.url(), config.tls(), config.timeout())) {
            answer = socket.exchange(Http1Socket.Request.of(head), config.timeout(), 0);
            kept = answer.whole() && socket.reusable() && carriesAnother(socket);
        } catch (IOException e) {
            String kind = ConnectFailure.of(e).map(ConnectFailure::errorKind).orElse(ErrorKinds.of(e));
            return new FaultOutcome(
                    fault.word(), null, kind, millis(System.nanoTime() - start), false, serverSaw(tallies, run, null));
        }
        String server = answer.header(RunHeaders.SEEN)
                .map(RunHeaders.Seen::parse)
                .map(RunHeaders.Seen::server)
                .orElse(null);
        return new FaultOutcome(
                fault.word(),
                answer.status() == 0 ? null : answer.status(),
                answer.error(),
                millis(answer.nanos()),
                kept,
                serverSaw(tallies, run, server));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }

    /** The fault's request: the URL's target, its fault named in the query for the logs along the path. */
    private String head(Fault fault, String run, int seq) {
        String target = Http1Socket.target(config.url()) + (config.url().encodedQuery() == null ? '?' : '&') + "fault="
                + fault.word();
        StringBuilder head = Http1Socket.head("GET", target, config.url(), config.headers());
        head.append(RunHeaders.RUN).append(": ").append(run).append("\r\n");
        head.append(RunHeaders.SEQ).append(": ").append(seq).append("\r\n");
        for (String control : fault.controls(config)) {
            head.append(control).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** Whether the connection takes another request after the fault's answer: a plain echo, not counted. */
    private boolean carriesAnother(Http1Socket socket) {
        String head = Http1Socket.head("GET", Http1Socket.target(config.url()), config.url(), config.headers())
                .append("\r\n")
                .toString();
        return socket.exchange(Http1Socket.Request.of(head), config.timeout(), 0)
                        .status()
                > 0;
    }

    /** How many times the server saw the run's one request; null when no tally came. */
    private Long serverSaw(OkHttpClient tallies, Run run, String server) {
        Request.Builder template =
                new RequestSpec(Optional.empty(), config.headers(), Optional.empty()).headersForThePath(config.url());
        ServerTallies.Merged merged =
                ServerTallies.fetch(tallies, template, run, server == null ? Set.of() : Set.of(server));
        return merged == null ? null : merged.arrivals();
    }

    private void print(List<FaultOutcome> outcomes) {
        out.printf(
                Locale.ROOT,
                "faults through %s (slow %s, big body %s, each waited for up to %s)%n",
                ShownUrl.of(config.url()),
                Durations.format(config.slow()),
                ByteSizes.format(config.bigBody()),
                Durations.format(config.timeout()));
        out.printf(
                Locale.ROOT,
                "%-11s %6s  %-10s %14s  %-4s  %s%n",
                "fault",
                "status",
                "error",
                "time",
                "kept",
                "server saw");
        for (FaultOutcome o : outcomes) {
            out.printf(
                    Locale.ROOT,
                    "%-11s %6s  %-10s %,11.1f ms  %-4s  %s%n",
                    o.fault(),
                    o.status() == null ? "-" : o.status(),
                    o.error() == null ? "-" : o.error(),
                    o.ms(),
                    o.connectionKept() ? "yes" : "no",
                    o.serverSaw() == null ? "unknown" : o.serverSaw());
        }
    }
}
