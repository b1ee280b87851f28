package dev.duet.client.bench;

import static dev.duet.client.ClientOptions.ADDRESS;
import static dev.duet.client.ClientOptions.BENCH_JSON;
import static dev.duet.client.ClientOptions.CHILDREN;
import static dev.duet.client.ClientOptions.CHILD_MESSAGE;
import static dev.duet.client.ClientOptions.CONCURRENCY;
import static dev.duet.client.ClientOptions.DATAGRAM_RATE;
import static dev.duet.client.ClientOptions.DATAGRAM_SIZE;
import static dev.duet.client.ClientOptions.DATAGRAM_TIMEOUT;
import static dev.duet.client.ClientOptions.DURATION;
import static dev.duet.client.ClientOptions.FAIL_ON_ERROR;
import static dev.duet.client.ClientOptions.HISTOGRAM;
import static dev.duet.client.ClientOptions.HTTP2;
import static dev.duet.client.ClientOptions.MESSAGE;
import static dev.duet.client.ClientOptions.RATE;
import static dev.duet.client.ClientOptions.RUN_ID;
import static dev.duet.client.ClientOptions.THREADS;
import static dev.duet.client.ClientOptions.TIMEOUT;
import static dev.duet.client.ClientOptions.UDP_ADDRESS;
import static dev.duet.client.ClientOptions.URL;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.client.http.ClientTls;
import dev.duet.client.http.GetConfig;
import dev.duet.client.http.RequestSpec;
import dev.duet.client.stream.HostPort;
import dev.duet.client.udp.EchoLedger;
import dev.duet.common.Arguments;
import dev.duet.common.Durations;
import dev.duet.common.UnixSockets;
import dev.duet.common.UsageException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * {@code duet-client bench [tcp|unix|udp|fork] TARGET}: what to load, how hard and for how long. The
 * values of {@link ClientOptions#BENCH}, {@link ClientOptions#BENCH_TCP}, {@link
 * ClientOptions#BENCH_UNIX}, {@link ClientOptions#BENCH_UDP} or {@link ClientOptions#BENCH_FORK}.
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

    /** Numbered datagrams to a UDP echo, on a timetable, and their echoes. */
    public record Datagrams(InetSocketAddress address, String name, int size) implements Target {}

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

    public static BenchConfig udp(Arguments a) {
        InetSocketAddress address = a.get(UDP_ADDRESS);
        int rate = a.get(DATAGRAM_RATE);
        Duration timeout = a.get(DATAGRAM_TIMEOUT);
        if (DatagramLoad.inFlight(rate, timeout) > EchoLedger.MOST_IN_FLIGHT) {
            throw new UsageException(String.format(
                    Locale.ROOT,
                    "--rate %,d for a --timeout of %s keeps more datagrams on the way than bench udp tracks"
                            + " (%,d); lower either",
                    rate,
                    Durations.format(timeout),
                    EchoLedger.MOST_IN_FLIGHT));
        }
        return load(
                new Datagrams(
                        address, HostPort.format(address), a.get(DATAGRAM_SIZE).intValue()),
                1,
                a);
    }

    public static BenchConfig fork(Arguments a) {
        return load(new Fork(a.get(CHILD_MESSAGE)), a.get(CHILDREN), a);
    }

    private static BenchConfig load(Target target, int concurrency, Arguments a) {
        return new BenchConfig(
                target,
                concurrency,
                a.get(DURATION),
                a.find(TIMEOUT).orElseGet(() -> a.get(DATAGRAM_TIMEOUT)),
                a.find(RATE).orElseGet(() -> Optional.of(a.get(DATAGRAM_RATE))), // bench udp: always a timetable
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
