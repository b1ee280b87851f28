package dev.duet.client.bench;

import static dev.duet.client.ClientOptions.ADDRESS;
import static dev.duet.client.ClientOptions.BENCH_JSON;
import static dev.duet.client.ClientOptions.CHILDREN;
import static dev.duet.client.ClientOptions.CHILD_MESSAGE;
import static dev.duet.client.ClientOptions.CONCURRENCY;
import static dev.duet.client.ClientOptions.DURATION;
import static dev.duet.client.ClientOptions.FAIL_ON_ERROR;
import static dev.duet.client.ClientOptions.GRPC_URL;
import static dev.duet.client.ClientOptions.HISTOGRAM;
import static dev.duet.client.ClientOptions.HTTP2;
import static dev.duet.client.ClientOptions.MESSAGE;
import static dev.duet.client.ClientOptions.METADATA;
import static dev.duet.client.ClientOptions.RATE;
import static dev.duet.client.ClientOptions.RUN_ID;
import static dev.duet.client.ClientOptions.STREAM;
import static dev.duet.client.ClientOptions.THREADS;
import static dev.duet.client.ClientOptions.TIMEOUT;
import static dev.duet.client.ClientOptions.URL;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.client.grpc.GrpcTarget;
import dev.duet.client.http.ClientTls;
import dev.duet.client.http.GetConfig;
import dev.duet.client.http.RequestSpec;
import dev.duet.client.stream.HostPort;
import dev.duet.common.Arguments;
import dev.duet.common.UnixSockets;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * {@code duet-client bench [tcp|unix|fork|grpc] TARGET}: what to load, how hard and for how long. The
 * values of {@link ClientOptions#BENCH}, {@link ClientOptions#BENCH_TCP}, {@link
 * ClientOptions#BENCH_UNIX} or {@link ClientOptions#BENCH_FORK}.
 */
public record BenchConfig(
        Target target,
        int concurrency,
        Duration duration,
        Duration timeout,
        Optional<Integer> rate,
        Optional<Integer> threads,
        boolean json,
        Optional<Path> histogram,
        boolean failOnError) {

    /** What one worker exchanges with, again and again. */
    public sealed interface Target {
        /** The target as the user wrote it, for the report. */
        String name();
    }

    /**
     * Requests to a URL, each as -X, -H and -d shape it, over HTTP/1.1 or (--http2) HTTP/2.
     *
     * @param runId number each request so the server counts what arrives ({@code dev.duet.client.count})
     */
    public record Http(HttpUrl url, RequestSpec request, boolean http2, ClientTls tls, boolean runId)
            implements Target {
        @Override
        public String name() {
            return url.toString();
        }
    }

    /** Echo round trips over a TCP or Unix-domain socket. */
    public record Stream(SocketAddress address, String name, String message) implements Target {}

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
        return load(
                new Http(
                        GetConfig.parseUrl(a.get(URL)),
                        RequestSpec.from(a),
                        a.get(HTTP2),
                        ClientTls.from(a),
                        a.get(RUN_ID)),
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

    public static BenchConfig grpc(Arguments a) throws Failure {
        GrpcTarget server = GrpcTarget.of(a.get(GRPC_URL), ClientTls.from(a), a.get(METADATA));
        return load(new Grpc(server, a.get(MESSAGE), a.get(STREAM)), a.get(CONCURRENCY), a);
    }

    public static BenchConfig fork(Arguments a) {
        return load(new Fork(a.get(CHILD_MESSAGE)), a.get(CHILDREN), a);
    }

    private static BenchConfig load(Target target, int concurrency, Arguments a) {
        return new BenchConfig(
                target,
                concurrency,
                a.get(DURATION),
                a.get(TIMEOUT),
                a.get(RATE),
                a.find(THREADS).flatMap(t -> t),
                a.get(BENCH_JSON),
                a.get(HISTOGRAM),
                a.get(FAIL_ON_ERROR));
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

    /** The timetable the load keeps: a closed loop, or --rate's open one. */
    LoadSchedule schedule() {
        return rate.map(r -> LoadSchedule.open(r, concurrency)).orElse(LoadSchedule.closed(concurrency));
    }
}
