package dev.duet.client.bench;

import static dev.duet.client.ClientOptions.ABORT_ON_THRESHOLD;
import static dev.duet.client.ClientOptions.ADDRESS;
import static dev.duet.client.ClientOptions.BENCH_JSON;
import static dev.duet.client.ClientOptions.BENCH_TALLY;
import static dev.duet.client.ClientOptions.CHILDREN;
import static dev.duet.client.ClientOptions.CHILD_MESSAGE;
import static dev.duet.client.ClientOptions.CONCURRENCY;
import static dev.duet.client.ClientOptions.DATAGRAM_RATE;
import static dev.duet.client.ClientOptions.DATAGRAM_SIZE;
import static dev.duet.client.ClientOptions.DATAGRAM_TIMEOUT;
import static dev.duet.client.ClientOptions.DURATION;
import static dev.duet.client.ClientOptions.FAIL_ON_ERROR;
import static dev.duet.client.ClientOptions.GRPC_URL;
import static dev.duet.client.ClientOptions.HISTOGRAM;
import static dev.duet.client.ClientOptions.HTTP2;
import static dev.duet.client.ClientOptions.MESSAGE;
import static dev.duet.client.ClientOptions.METADATA;
import static dev.duet.client.ClientOptions.NO_CATCHUP;
import static dev.duet.client.ClientOptions.PERCENTILES;
import static dev.duet.client.ClientOptions.RAMP;
import static dev.duet.client.ClientOptions.RATE;
import static dev.duet.client.ClientOptions.REPORT_HTML;
import static dev.duet.client.ClientOptions.REQUESTS;
import static dev.duet.client.ClientOptions.RUN_ID;
import static dev.duet.client.ClientOptions.STAGES;
import static dev.duet.client.ClientOptions.STREAM;
import static dev.duet.client.ClientOptions.THREADS;
import static dev.duet.client.ClientOptions.THRESHOLD;
import static dev.duet.client.ClientOptions.TIMEOUT;
import static dev.duet.client.ClientOptions.UDP_ADDRESS;
import static dev.duet.client.ClientOptions.URL;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.client.grpc.GrpcTarget;
import dev.duet.client.http.ClientTls;
import dev.duet.client.http.GetConfig;
import dev.duet.client.http.RequestSpec;
import dev.duet.client.stream.HostPort;
import dev.duet.client.udp.EchoLedger;
import dev.duet.client.ws.WsConfig;
import dev.duet.common.Arguments;
import dev.duet.common.Durations;
import dev.duet.common.UnixSockets;
import dev.duet.common.UsageException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * {@code duet-client bench [tcp|unix|udp|fork|ws|grpc] TARGET}: what to load, how hard and for how long,
 * and what to make of it. The values of {@link ClientOptions#BENCH}, {@link ClientOptions#BENCH_TCP},
 * {@link ClientOptions#BENCH_UNIX}, {@link ClientOptions#BENCH_UDP}, {@link ClientOptions#BENCH_FORK},
 * {@link ClientOptions#BENCH_WS} or {@link ClientOptions#BENCH_GRPC}.
 *
 * @param duration   how long the run lasts; empty for as long as {@code -n}'s requests take
 * @param timetable  an open loop's rates over time; empty for a closed loop
 * @param requests   {@code -n}: how many requests in all
 * @param catchUp    false with {@code --no-catchup}
 * @param percentiles the latency percentiles the report shows
 * @param report     {@code --report}: the HTML page to write
 */
public record BenchConfig(
        Target target,
        int concurrency,
        Optional<Duration> duration,
        Duration timeout,
        Optional<Timetable> timetable,
        Optional<Integer> requests,
        boolean catchUp,
        Optional<Integer> threads,
        boolean json,
        Optional<Path> histogram,
        Optional<Path> report,
        List<Double> percentiles,
        List<Threshold> thresholds,
        boolean abortOnThreshold,
        boolean failOnError) {

    /** The run's length when none is given, nor implied by --ramp, --stages or -n. */
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

    /** bench udp's rate when neither --rate nor --stages is given. */
    static final BenchValues.Rate DEFAULT_DATAGRAM_RATE = new BenchValues.Rate(1000, 1000);

    /** A run with -n and no --duration: long enough never to end first. */
    private static final Duration UNLIMITED = Duration.ofDays(365L * 100);

    /** What one worker exchanges with, again and again. */
    public sealed interface Target {
        /** The target as the user wrote it, for the report. */
        String name();
    }

    /**
     * Requests to a URL, each as -X, -H and -d shape it, over HTTP/1.1 or (--http2) HTTP/2.
     *
     * @param runId number each request so the server counts what arrives ({@code dev.duet.client.count})
     * @param tally count each answer by the replica that gave it ({@link Replicas})
     */
    public record Http(HttpUrl url, RequestSpec request, boolean http2, ClientTls tls, boolean runId, boolean tally)
            implements Target {
        @Override
        public String name() {
            return url.toString();
        }
    }

    /** Echo round trips over a TCP or Unix-domain socket. */
    public record Stream(SocketAddress address, String name, String message) implements Target {}

    /** Numbered datagrams to a UDP echo, on a timetable, and their echoes. */
    public record Datagrams(InetSocketAddress address, String name, int size) implements Target {}

    /** Echo round trips of WebSocket text messages, a socket a connection. */
    public record WebSocket(WsConfig socket) implements Target {
        @Override
        public String name() {
            return socket.shown();
        }
    }

    /** gRPC round trips: Echo calls, or (stream) messages of an EchoStream call per worker. */
    public record Grpc(GrpcTarget server, String message, boolean stream) implements Target {
        @Override
        public String name() {
            return server.shown();
        }
    }

    /** Round trips with a child JVM that echoes, over the fork channel. */
    public record Fork(String message) implements Target {
        @Override
        public String name() {
            return "fork";
        }
    }

    public static BenchConfig http(Arguments a) throws Failure {
        if (a.get(BENCH_TALLY) && !a.get(RUN_ID)) {
            throw new UsageException(
                    "--tally reads the server each answer names in X-Duet-Seen, which needs --run-id on");
        }
        return load(
                new Http(
                        GetConfig.parseUrl(a.get(URL)),
                        RequestSpec.from(a),
                        a.get(HTTP2),
                        ClientTls.from(a),
                        a.get(RUN_ID),
                        a.get(BENCH_TALLY)),
                a.get(CONCURRENCY),
                a);
    }

    public static BenchConfig tcp(Arguments a) {
        InetSocketAddress address = a.get(ADDRESS);
        return load(new Stream(address, HostPort.format(address), a.get(MESSAGE)), a.get(CONCURRENCY), a);
    }

    public static BenchConfig unix(Arguments a) {
        Path path = a.get(UnixSockets.PATH);
        return load(
                new Stream(UnixDomainSocketAddress.of(path), path.toString(), a.get(MESSAGE)), a.get(CONCURRENCY), a);
    }

    /** bench udp: one socket, always on a timetable (--rate's, 1000/s by default, or --stages'). */
    public static BenchConfig udp(Arguments a) {
        InetSocketAddress address = a.get(UDP_ADDRESS);
        Optional<BenchValues.Rate> rate = a.get(DATAGRAM_RATE)
                .or(() -> a.get(STAGES).isPresent() ? Optional.empty() : Optional.of(DEFAULT_DATAGRAM_RATE));
        Duration timeout = a.get(DATAGRAM_TIMEOUT);
        BenchConfig config = load(
                new Datagrams(
                        address, HostPort.format(address), a.get(DATAGRAM_SIZE).intValue()),
                1,
                a,
                rate,
                timeout);
        long inFlight = DatagramLoad.inFlight(config.timetable().orElseThrow(), timeout);
        if (inFlight > EchoLedger.MOST_IN_FLIGHT) {
            throw new UsageException(String.format(
                    Locale.ROOT,
                    "a rate of %,.0f/s for a --timeout of %s keeps more datagrams on the way than bench udp tracks"
                            + " (%,d); lower either",
                    DatagramLoad.peakRate(config.timetable().get()),
                    Durations.format(timeout),
                    EchoLedger.MOST_IN_FLIGHT));
        }
        return config;
    }

    public static BenchConfig grpc(Arguments a) throws Failure {
        GrpcTarget server = GrpcTarget.of(a.get(GRPC_URL), ClientTls.from(a), a.get(METADATA));
        return load(new Grpc(server, a.get(MESSAGE), a.get(STREAM)), a.get(CONCURRENCY), a);
    }

    public static BenchConfig fork(Arguments a) {
        return load(new Fork(a.get(CHILD_MESSAGE)), a.get(CHILDREN), a);
    }

    public static BenchConfig ws(Arguments a) throws Failure {
        return load(new WebSocket(WsConfig.forLoad(a)), a.get(CONCURRENCY), a);
    }

    private static BenchConfig load(Target target, int concurrency, Arguments a) {
        return load(target, concurrency, a, a.get(RATE), a.get(TIMEOUT));
    }

    private static BenchConfig load(
            Target target, int concurrency, Arguments a, Optional<BenchValues.Rate> rate, Duration timeout) {
        Optional<Duration> given = a.get(DURATION);
        Optional<Duration> ramp = a.get(RAMP);
        Optional<List<Timetable.Stage>> stages = a.get(STAGES);
        Optional<Integer> requests = a.get(REQUESTS);
        if (rate.isPresent() && stages.isPresent()) {
            throw new UsageException("give --rate or --stages, not both");
        }
        if (stages.isPresent() && given.isPresent()) {
            throw new UsageException("--stages give the run its length: leave out --duration");
        }
        if (ramp.isPresent() && (rate.isEmpty() || !rate.get().ramps())) {
            throw new UsageException("--ramp needs --rate FROM..TO");
        }
        if (ramp.isPresent() && given.isPresent() && ramp.get().compareTo(given.get()) > 0) {
            throw new UsageException("--ramp " + Durations.format(ramp.get()) + " is longer than --duration "
                    + Durations.format(given.get()));
        }
        // the length: as given; else the ramp's, or the stages'; else until -n is done; else 10s
        Optional<Duration> duration = given.or(() -> ramp)
                .or(() ->
                        stages.map(s -> s.stream().map(Timetable.Stage::length).reduce(Duration.ZERO, Duration::plus)))
                .or(() -> requests.isPresent() ? Optional.empty() : Optional.of(DEFAULT_DURATION));
        Duration length = duration.orElse(UNLIMITED);
        Optional<Timetable> timetable = stages.map(Timetable::stages)
                .or(() -> rate.map(r -> r.ramps()
                        ? Timetable.ramp(r.from(), r.to(), ramp.orElse(length), length)
                        : Timetable.constant(r.from(), length)));
        boolean catchUp = !a.find(NO_CATCHUP).orElse(false); // bench udp has none
        if (!catchUp && timetable.isEmpty()) {
            throw new UsageException(
                    "--no-catchup needs --rate or --stages: a closed loop has no timetable to fall behind");
        }
        List<Threshold> thresholds = a.get(THRESHOLD);
        for (Threshold t : thresholds) {
            if (t.needsTarget() && timetable.isEmpty()) {
                throw new UsageException(
                        "--threshold " + t.text() + " needs --rate or --stages: a closed loop has no target");
            }
        }
        if (a.get(ABORT_ON_THRESHOLD) && thresholds.isEmpty()) {
            throw new UsageException("--abort-on-threshold needs a --threshold");
        }
        return new BenchConfig(
                target,
                concurrency,
                duration,
                timeout,
                timetable,
                requests,
                catchUp,
                a.find(THREADS).flatMap(t -> t),
                a.get(BENCH_JSON),
                a.get(HISTOGRAM),
                a.get(REPORT_HTML),
                a.get(PERCENTILES),
                thresholds,
                a.get(ABORT_ON_THRESHOLD),
                a.get(FAIL_ON_ERROR));
    }

    /** How long the load may last, in nanoseconds: its duration, or (-n alone) practically forever. */
    long nanos() {
        return duration.orElse(UNLIMITED).toNanos();
    }

    /** A constant open loop's rate; empty for a closed loop or a changing rate. */
    Optional<Integer> rate() {
        return timetable.filter(t -> !t.ramps()).map(t ->
                (int) t.stretches().get(0).from());
    }

    /**
     * Threads for a plain http:// load: --threads, else half the cores (one selector thread drives
     * about what wrk's does; the other half is left to a server on the same machine), never more
     * than connections.
     */
    int ioThreads() {
        int halfTheCores = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return Math.min(concurrency, threads.orElse(halfTheCores));
    }

    /** The timetable the load keeps: a closed loop, or --rate's or --stages' open one. */
    LoadSchedule schedule() {
        long limit = requests.map(Integer::longValue).orElse(-1L);
        return timetable
                .map(t -> LoadSchedule.open(t, concurrency, limit, catchUp))
                .orElse(LoadSchedule.closed(concurrency, limit));
    }
}
