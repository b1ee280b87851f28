package dev.duet.client.bench;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.client.RoundTrip;
import dev.duet.client.count.Answers;
import dev.duet.client.count.Run;
import dev.duet.client.count.RunCounts;
import dev.duet.client.count.ServerTallies;
import dev.duet.client.fork.ForkRoundTrip;
import dev.duet.client.grpc.GrpcLoad;
import dev.duet.client.http.HttpClients;
import dev.duet.client.http.RequestFailure;
import dev.duet.client.http.RotatingDns;
import dev.duet.client.http.ShownUrl;
import dev.duet.client.stream.EchoRoundTrip;
import dev.duet.client.ws.WsRoundTrip;
import dev.duet.common.Durations;
import dev.duet.common.RunHeaders;
import dev.duet.common.ServerTiming;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.HdrHistogram.Histogram;

/**
 * {@code duet-client bench}: a user's own {@code hey}. N connections for a fixed time, each sending
 * again as soon as it is answered (a closed loop) or on a timetable ({@code --rate}, an open loop);
 * then the rate, the failures by kind, and latency percentiles. Attached to a terminal, a progress
 * line shows the run once a second.
 */
public final class BenchCommand {
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    private final BenchConfig config;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;

    public BenchCommand(BenchConfig config, PrintStream out, PrintStream err, boolean interactive) {
        this.config = config;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    public void run() throws InterruptedException, IOException, Failure {
        if (config.target() instanceof BenchConfig.Http http) {
            address(http);
        } else if (config.target() instanceof BenchConfig.Stream stream
                && stream.address() instanceof InetSocketAddress inet) {
            resolve(inet.getHostString(), inet.getPort());
        }
        DatagramLoad datagrams = null;
        LoadSchedule schedule = config.schedule();
        boolean byReplica = config.target() instanceof BenchConfig.Http http && http.tally();
        Tally tally = new Tally(schedule.isOpen(), byReplica ? new Replicas(timelineSeconds()) : null);
        Budget budget = new Budget(schedule.isOpen() ? -1 : schedule.requests());
        Phases phases = new Phases();
        RunSeries series = new RunSeries(config.timetable().orElse(null));
        Answers answers =
                config.target() instanceof BenchConfig.Http http && http.runId() ? new Answers(Run.start()) : null;
        AtomicReference<Protocol> spoken = new AtomicReference<>();
        OkHttpClient okHttp = null;
        GrpcLoad grpc = config.target() instanceof BenchConfig.Grpc target
                ? new GrpcLoad(target.server(), target.message(), config.timeout())
                : null;
        long start;
        Instant startedAt;
        List<Thread> threads;
        if (config.target() instanceof BenchConfig.Http http && plainHttp1(http)) {
            Http1Request request = Http1Request.encode(
                    http.url(),
                    http.request(),
                    answers == null ? null : answers.run().id());
            InetSocketAddress first = address(http);
            startedAt = Instant.now();
            start = System.nanoTime();
            tally.begin(start);
            threads = new Http1Load(
                            http.tally() ? Endpoints.rotating(http.url().host(), first) : Endpoints.fixed(first),
                            ShownUrl.address(http.url()),
                            request,
                            schedule,
                            config.timeout().toNanos(),
                            tally,
                            answers,
                            budget,
                            phases)
                    .start(config.ioThreads(), start, start + config.nanos());
        } else if (config.target() instanceof BenchConfig.Datagrams udp) {
            InetSocketAddress address =
                    resolve(udp.address().getHostString(), udp.address().getPort());
            datagrams = new DatagramLoad(address, udp, schedule, config.timeout(), tally, budget);
            BlockingLoad.Started started;
            try {
                started = datagrams.start(config.nanos());
            } catch (IOException e) {
                throw RequestFailure.from(e, udp.name(), config.timeout(), 0);
            }
            start = started.start();
            startedAt = Instant.now().minusNanos(System.nanoTime() - start);
            threads = started.threads();
        } else {
            String where = config.target().name();
            if (config.target() instanceof BenchConfig.Http http) {
                okHttp = okHttp(http, tally, phases);
                where = ShownUrl.address(http.url());
            } else if (config.target() instanceof BenchConfig.WebSocket ws) {
                okHttp = HttpClients.builder(
                                ws.socket().url().isHttps(), false, ws.socket().tls(), config.timeout())
                        .build();
                where = ShownUrl.address(ws.socket().url());
            }
            BlockingLoad.Started started = new BlockingLoad(
                            where, opener(okHttp, grpc, spoken, answers), schedule, tally, budget)
                    .start(config.nanos());
            start = started.start();
            startedAt = Instant.now().minusNanos(System.nanoTime() - start);
            threads = started.threads();
        }
        boolean aborted;
        try {
            aborted = watch(threads, tally, start, series, budget);
        } finally {
            if (okHttp != null) {
                okHttp.dispatcher().executorService().shutdown();
                okHttp.connectionPool().evictAll();
            }
            if (grpc != null) {
                grpc.close();
            }
        }
        // bench udp: the time it sent for, not the wait for the last echoes after it
        double seconds = (datagrams != null ? datagrams.sendingNanos() : System.nanoTime() - start) / 1e9;
        RunCounts counts = answers == null ? null : counts((BenchConfig.Http) config.target(), answers);
        Phases.Recorded times = phases.recorded();
        boolean multiplexed = multiplexed(spoken.get());
        RunResult run = new RunResult(
                config.target().name(),
                schedule.isOpen() ? "open" : "closed",
                config.rate().orElse(null),
                multiplexed ? 1 : config.concurrency(),
                multiplexed ? config.concurrency() : null,
                config.duration().map(Durations::format).orElse(null),
                config.requests().orElse(null),
                unit(config),
                config.timetable().map(Timetable::stretches).orElse(null),
                startedAt,
                seconds,
                tally.latency(),
                tally.service(),
                tally.path(),
                times.connect(),
                times.tls(),
                times.firstByte(),
                tally.errorsByKind(),
                tally.firstError(),
                tally.statusCodes(),
                tally.bytesSent(),
                tally.bytesReceived(),
                config.catchUp() ? null : tally.dropped(),
                counts,
                datagrams == null ? null : datagrams.counts(),
                series.seconds(),
                aborted,
                tally.replicas() == null ? null : tally.replicas().parts(),
                tally.replicas() == null ? null : tally.replicas().timeline());
        BenchReport.Summary summary = BenchReport.summarize(run, config.percentiles(), config.thresholds());
        if (config.json()) {
            BenchReport.printJson(summary, out);
        } else {
            BenchReport.print(summary, out);
        }
        if (config.histogram().isPresent()) {
            BenchReport.writeHistogram(tally.latency(), config.histogram().get());
        }
        if (config.report().isPresent()) {
            ReportPage.write(
                    List.of(BenchReport.JSON.valueToTree(summary)),
                    config.report().get());
        }
        if (summary.answered() == 0
                && summary.errors() > 0
                && summary.errorsByKind().keySet().stream().allMatch(ErrorKinds::notConnected)) {
            // no connection at all: the exit code get, tcp and ws give for the same cause
            throw new Failure(
                    Failure.Kind.CANNOT_CONNECT,
                    String.format(Locale.ROOT, "%s (all %,d attempts failed)", tally.firstError(), summary.errors()));
        }
        if (summary.errors() > 0 && summary.answered() == 0) {
            throw requestsFailed(summary);
        }
        if (!summary.thresholdsHold()) {
            List<Threshold.Verdict> broken =
                    summary.thresholds().stream().filter(v -> !v.holds()).toList();
            throw new Failure(
                    Failure.Kind.THRESHOLD_BROKEN,
                    String.format(
                            Locale.ROOT,
                            "%d of %d thresholds broken against %s%s: %s",
                            broken.size(),
                            summary.thresholds().size(),
                            summary.target(),
                            aborted ? " (the run stopped early)" : "",
                            broken.stream().map(Threshold.Verdict::line).collect(Collectors.joining(", "))));
        }
        if (summary.errors() > 0 && config.failOnError()) {
            throw requestsFailed(summary);
        }
    }

    /**
     * The seconds --tally's timeline has room for: the run, and the answers that come in until the
     * timeout after it; with -n alone (no duration) a day, and anything later counts in its last.
     */
    private int timelineSeconds() {
        long millis = config.duration()
                .map(d -> d.plus(config.timeout()).toMillis())
                .orElse(Duration.ofDays(1).toMillis());
        return (int) Math.min(Duration.ofDays(1).toSeconds(), (millis + 999) / 1000 + 1);
    }

    private static Failure requestsFailed(BenchReport.Summary summary) {
        return new Failure(
                Failure.Kind.REQUESTS_FAILED,
                String.format(
                        Locale.ROOT,
                        "%,d of %,d %s failed against %s (first: %s)",
                        summary.errors(),
                        summary.made(),
                        summary.unit(),
                        summary.target(),
                        summary.firstError()));
    }

    /**
     * Whether the load's requests were streams of one HTTP/2 connection: gRPC's always; asked for
     * with --http2, and spoken (or not yet known: nothing was answered). Over https the server may choose HTTP/1.1.
     */
    private boolean multiplexed(Protocol spoken) {
        return config.target() instanceof BenchConfig.Grpc
                || config.target() instanceof BenchConfig.Http http
                        && http.http2()
                        && (spoken == null || spoken == Protocol.HTTP_2 || spoken == Protocol.H2_PRIOR_KNOWLEDGE);
    }

    /** HTTP/1.1 over cleartext goes through {@link Http1Load}; TLS and HTTP/2 through OkHttp. */
    private static boolean plainHttp1(BenchConfig.Http http) {
        return !http.url().isHttps() && !http.http2();
    }

    private static InetSocketAddress address(BenchConfig.Http http) throws Failure {
        return resolve(http.url().host(), http.url().port());
    }

    /** A name that does not resolve ends the run before it starts, with get's exit code for it. */
    private static InetSocketAddress resolve(String host, int port) throws Failure {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new Failure(Failure.Kind.UNKNOWN_HOST, "unknown host: " + host);
        }
        return address;
    }

    /**
     * Until every load thread is done: once a second, the second's figures into the series; on a
     * terminal, the count, the last second's rate, errors and p99 so far; with {@code
     * --abort-on-threshold}, the thresholds judged on the run so far, and the load stopped when one
     * breaks.
     *
     * @return whether a threshold stopped the run
     */
    private boolean watch(List<Thread> threads, Tally tally, long start, RunSeries series, Budget budget)
            throws InterruptedException {
        boolean aborted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                long now = System.nanoTime();
                long next = start + ((now - start) / PROGRESS_EVERY_NANOS + 1) * PROGRESS_EVERY_NANOS;
                thread.join(Math.max(1, (next - now + 999_999) / 1_000_000));
                if (System.nanoTime() >= next) {
                    Histogram second = tally.collect();
                    series.add(next - start, second, tally);
                    if (interactive) {
                        progress(start, second, tally);
                    }
                    if (config.abortOnThreshold() && !aborted && broken(tally, next - start)) {
                        budget.stop();
                        aborted = true;
                    }
                }
            }
        }
        series.add(System.nanoTime() - start, tally.collect(), tally);
        if (interactive) {
            err.print("\r" + " ".repeat(78) + "\r");
        }
        return aborted;
    }

    /** Whether a threshold is broken by the run so far, {@code nanos} into it. */
    private boolean broken(Tally tally, long nanos) {
        double seconds = nanos / 1e9;
        Double target =
                config.timetable().map(t -> t.requestsBefore(nanos) / seconds).orElse(null);
        Threshold.Measured soFar = new Threshold.Measured(
                tally.latency(),
                tally.made(),
                tally.errorCount(),
                tally.latency().getTotalCount() / seconds,
                target);
        return config.thresholds().stream().anyMatch(t -> !t.judge(soFar).holds());
    }

    private void progress(long start, Histogram second, Tally tally) {
        err.printf(
                Locale.ROOT,
                "\r%5.0fs %,12d %s  %,9d/s  errors %,d  p99 %.2fms   ",
                (System.nanoTime() - start) / 1e9,
                tally.latency().getTotalCount(),
                unit(config),
                second.getTotalCount(),
                tally.errorCount(),
                tally.latency().getValueAtPercentile(99) / 1000.0);
    }

    /**
     * The run counted at both ends: the tallies of the servers that answered, merged with what
     * the answers said. None is asked when nothing was answered at all.
     */
    private RunCounts counts(BenchConfig.Http http, Answers answers) throws Failure {
        ServerTallies.Merged merged = null;
        if (answers.answered() > 0) {
            OkHttpClient fresh = ServerTallies.client(
                            HttpClients.builder(http.url().isHttps(), http.http2(), http.tls(), config.timeout()))
                    .dns(new RotatingDns(Dns.SYSTEM))
                    .build();
            merged = ServerTallies.fetch(
                    fresh, http.request().headersForThePath(http.url()), answers.run(), answers.servers());
            if (merged != null && !merged.missing().isEmpty()) {
                err.println(ClientOptions.PROGRAM + ": no tally from " + String.join(", ", merged.missing())
                        + ": the counts leave out what it saw");
            }
        }
        return RunCounts.of(answers, merged);
    }

    static String unit(BenchConfig config) {
        return config.target() instanceof BenchConfig.Http ? "requests" : "round trips";
    }

    /** How a thread of {@link BlockingLoad} opens its connection (or child). */
    private BlockingLoad.Opener opener(
            OkHttpClient okHttp, GrpcLoad grpc, AtomicReference<Protocol> spoken, Answers answers) {
        if (config.target() instanceof BenchConfig.Grpc target) {
            // the bytes on the wire are grpc-okhttp's, not this thread's: no traffic line
            return () -> echo(grpc.worker(target.stream()), 0);
        }
        if (config.target() instanceof BenchConfig.Http target) {
            Request request = target.request().request(target.url()).build();
            return () -> new BlockingLoad.Exchange() {
                @Override
                public BlockingLoad.Reply once() throws IOException {
                    int seq = answers == null ? 0 : answers.run().next();
                    Request numbered = answers == null
                            ? request
                            : request.newBuilder()
                                    .header(RunHeaders.RUN, answers.run().id())
                                    .header(RunHeaders.SEQ, Integer.toString(seq))
                                    .build();
                    try (Response response = okHttp.newCall(numbered).execute()) {
                        response.body().bytes();
                        spoken.compareAndSet(null, response.protocol());
                        RunHeaders.Seen seen =
                                answers == null ? null : answers.answered(seq, response.header(RunHeaders.SEEN));
                        boolean fromServer = answers == null || seen != null;
                        // an answer from a cache carries the server's time on some earlier request
                        return new BlockingLoad.Reply(
                                response.code(),
                                fromServer ? serverNanos(response) : -1,
                                0,
                                0,
                                seen == null ? null : seen.server(),
                                "true".equals(response.header(RunHeaders.DRAINING)));
                    }
                }

                @Override
                public void close() {}
            };
        }
        if (config.target() instanceof BenchConfig.Stream target) {
            return () -> echo(
                    EchoRoundTrip.connect(target.address(), target.message(), config.timeout()),
                    bytes(target.message()));
        }
        if (config.target() instanceof BenchConfig.WebSocket target) {
            return () -> echo(
                    WsRoundTrip.open(okHttp, target.socket()),
                    bytes(target.socket().message()));
        }
        String message = ((BenchConfig.Fork) config.target()).message();
        // a pipe to a child carries no network traffic to count
        return () -> echo(ForkRoundTrip.start(message, config.timeout()), 0);
    }

    /** The answer's Server-Timing, in nanoseconds; -1 when it gave none. */
    private static long serverNanos(Response response) {
        for (String value : response.headers(ServerTiming.HEADER)) {
            double ms = ServerTiming.millis(value, ServerTiming.METRIC);
            if (ms >= 0) {
                return Math.round(ms * 1e6);
            }
        }
        return -1;
    }

    private static int bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length;
    }

    /** @param bytes what one round trip carries each way, as this thread counts it */
    private static BlockingLoad.Exchange echo(RoundTrip roundTrip, int bytes) {
        BlockingLoad.Reply whole = BlockingLoad.Reply.echo(bytes);
        return new BlockingLoad.Exchange() {
            @Override
            public BlockingLoad.Reply once() throws IOException {
                roundTrip.once();
                return whole;
            }

            @Override
            public void close() throws IOException {
                roundTrip.close();
            }
        };
    }

    private OkHttpClient okHttp(BenchConfig.Http target, Tally tally, Phases phases) throws Failure {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(config.concurrency());
        dispatcher.setMaxRequestsPerHost(config.concurrency());
        // HTTP/1.1: a connection per thread; HTTP/2: the threads' streams share one, as h2load's do per client
        OkHttpClient.Builder builder = WireMeters.count(
                        HttpClients.builder(target.url().isHttps(), target.http2(), target.tls(), config.timeout()),
                        tally,
                        phases)
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(config.concurrency(), 1, TimeUnit.MINUTES));
        if (target.http2()) {
            builder.addInterceptor(new FirstConnectionGate());
        }
        if (target.tally()) {
            builder.dns(new RotatingDns(Dns.SYSTEM)); // each new connection to the next replica in DNS
        }
        return builder.build();
    }
}
