package dev.duet.client.bench;

import dev.duet.client.Failure;
import dev.duet.client.RoundTrip;
import dev.duet.client.fork.ForkRoundTrip;
import dev.duet.client.http.HttpClients;
import dev.duet.client.stream.EchoRoundTrip;
import dev.duet.common.Durations;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code duet-client bench}: a user's own {@code hey}. N connections, each sending as fast as it
 * gets answers, for a fixed time; then requests (or echo round trips) per second and latency
 * percentiles. Attached to a terminal, a progress line shows the last half second as it goes.
 */
public final class BenchCommand {
    private static final long PROGRESS_EVERY_MILLIS = 500;

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

    public void run() throws InterruptedException, Failure {
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        OkHttpClient http = config.target() instanceof BenchConfig.Http target ? httpClient(target) : null;
        long start = System.nanoTime();
        long deadline = start + config.duration().toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < config.concurrency(); i++) {
            Thread worker = new Thread(() -> work(http, deadline, recorder, errors, firstError), "duet-bench-" + i);
            worker.start();
            workers.add(worker);
        }
        Histogram total = new Histogram(3);
        while (System.nanoTime() < deadline) {
            Thread.sleep(Math.max(1, Math.min(PROGRESS_EVERY_MILLIS, (deadline - System.nanoTime()) / 1_000_000)));
            Histogram interval = recorder.getIntervalHistogram();
            total.add(interval);
            if (interactive) {
                err.printf(
                        Locale.ROOT,
                        "\r%6.1fs %,12d %s  %,10.0f/s  p99 %s   ",
                        (System.nanoTime() - start) / 1e9,
                        total.getTotalCount(),
                        unit(),
                        interval.getTotalCount()
                                * 1e9
                                / Math.max(1, interval.getEndTimeStamp() - interval.getStartTimeStamp())
                                / 1e6,
                        millis(interval.getValueAtPercentile(99)));
            }
        }
        for (Thread worker : workers) {
            worker.join();
        }
        total.add(recorder.getIntervalHistogram());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (interactive) {
            err.print("\r" + " ".repeat(70) + "\r");
        }
        report(total, seconds, errors.get(), firstError.get());
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        if (errors.get() > 0) {
            throw new Failure(
                    Failure.Kind.REQUESTS_FAILED,
                    errors.get() + " " + unit() + " failed against "
                            + config.target().name() + " (first: " + firstError.get() + ")");
        }
    }

    private void work(
            OkHttpClient http,
            long deadline,
            Recorder recorder,
            AtomicLong errors,
            AtomicReference<String> firstError) {
        try (RoundTrip exchange = open(http)) {
            while (System.nanoTime() < deadline) {
                long begin = System.nanoTime();
                try {
                    exchange.once();
                    recorder.recordValue((System.nanoTime() - begin) / 1_000);
                } catch (IOException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, String.valueOf(e.getMessage()));
                    if (http == null) {
                        return; // a broken stream connection or channel does not come back
                    }
                }
            }
        } catch (IOException e) {
            errors.incrementAndGet();
            firstError.compareAndSet(
                    null, "cannot connect to " + config.target().name() + ": " + e.getMessage());
        }
    }

    /** One worker's own connection (or child), for as many round trips as it has time for. */
    private RoundTrip open(OkHttpClient http) throws IOException {
        if (config.target() instanceof BenchConfig.Http target) {
            Request request = target.request().request(target.url()).build();
            return () -> {
                try (Response response = http.newCall(request).execute()) {
                    response.body().bytes();
                    if (response.code() >= 400) {
                        throw new IOException("status " + response.code());
                    }
                }
            };
        }
        if (config.target() instanceof BenchConfig.Stream target) {
            return EchoRoundTrip.connect(target.address(), target.message(), config.timeout());
        }
        return ForkRoundTrip.start(((BenchConfig.Fork) config.target()).message(), config.timeout());
    }

    private OkHttpClient httpClient(BenchConfig.Http target) throws Failure {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(config.concurrency());
        dispatcher.setMaxRequestsPerHost(config.concurrency());
        // HTTP/1.1: a connection per worker; HTTP/2: the workers' streams share one, as h2load's do per client
        return HttpClients.builder(target.url().isHttps(), target.http2(), target.tls(), config.timeout())
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(config.concurrency(), 1, TimeUnit.MINUTES))
                .build();
    }

    private String unit() {
        return config.target() instanceof BenchConfig.Http ? "requests" : "round trips";
    }

    private void report(Histogram h, double seconds, long errors, String firstError) {
        String workers = !(config.target() instanceof BenchConfig.Fork)
                ? "connections"
                : config.concurrency() == 1 ? "child" : "children";
        out.printf(
                Locale.ROOT,
                "bench %s: %d %s for %s%n",
                config.target().name(),
                config.concurrency(),
                workers,
                Durations.format(config.duration()));
        out.printf(Locale.ROOT, "%s: %,d (%,.0f/s)%n", unit(), h.getTotalCount(), h.getTotalCount() / seconds);
        out.printf(Locale.ROOT, "errors: %,d%s%n", errors, firstError == null ? "" : " (first: " + firstError + ")");
        if (h.getTotalCount() > 0) {
            out.printf(
                    Locale.ROOT,
                    "latency: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n",
                    millis(h.getValueAtPercentile(50)),
                    millis(h.getValueAtPercentile(90)),
                    millis(h.getValueAtPercentile(99)),
                    millis(h.getValueAtPercentile(99.9)),
                    millis(h.getMaxValue()));
        }
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.2fms", micros / 1000.0);
    }
}
