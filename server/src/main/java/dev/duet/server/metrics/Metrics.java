package dev.duet.server.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the echo servers count, in Prometheus' terms, and the JVM's own figures beside them. Every
 * echo records on its own thread as it goes (counts are exact: N requests raise the counter by
 * exactly N), so recording must stay cheap: each series' data point is looked up once and then
 * kept, and nothing is allocated per request. With the control plane off, {@link #OFF} records
 * nothing.
 *
 * <p>Methods outside the standard ones are counted as {@code other}: the method label comes from
 * clients, and a label with a value per odd word a client sends would grow without bound.
 */
public final class Metrics {
    /** Records nothing: the echo's cost when no one can read the figures. */
    public static final Metrics OFF = new Metrics();

    public static final String HTTP = "http";

    private static final String[] METHODS = {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "other"
    };
    private static final int STATUSES = 600;
    /** Seconds: an echo on loopback takes tens of microseconds, a slow client seconds. */
    private static final double[] DURATION_BUCKETS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    private final PrometheusRegistry registry;
    private final Counter requests;
    private final AtomicReferenceArray<CounterDataPoint> requestSeries;
    private final DistributionDataPoint httpDurations;
    private final Gauge active;
    private final Counter connections;
    private final Counter received;
    private final Counter sent;

    private Metrics() {
        registry = null;
        requests = null;
        requestSeries = null;
        httpDurations = null;
        active = null;
        connections = null;
        received = null;
        sent = null;
    }

    private Metrics(PrometheusRegistry registry) {
        this.registry = registry;
        requests = Counter.builder()
                .name("duet_requests_total")
                .help("HTTP requests answered")
                .labelNames("transport", "method", "code")
                .withoutExemplars()
                .register(registry);
        requestSeries = new AtomicReferenceArray<>(METHODS.length * STATUSES);
        httpDurations = Histogram.builder()
                .name("duet_request_duration_seconds")
                .help("Time from a request's first byte to the end of its answer")
                .unit(Unit.SECONDS)
                .labelNames("transport")
                .classicOnly()
                .classicUpperBounds(DURATION_BUCKETS)
                .withoutExemplars()
                .register(registry)
                .labelValues(HTTP);
        active = Gauge.builder()
                .name("duet_connections_active")
                .help("Connections open now")
                .labelNames("transport")
                .withoutExemplars()
                .register(registry);
        connections = Counter.builder()
                .name("duet_connections_total")
                .help("Connections accepted")
                .labelNames("transport")
                .withoutExemplars()
                .register(registry);
        received = Counter.builder()
                .name("duet_received_bytes_total")
                .help("Bytes received: HTTP request bodies, stream data")
                .labelNames("transport")
                .withoutExemplars()
                .register(registry);
        sent = Counter.builder()
                .name("duet_sent_bytes_total")
                .help("Bytes sent: HTTP answer bodies, stream data")
                .labelNames("transport")
                .withoutExemplars()
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    /** A fresh set of instruments, the JVM's and process' own among them. */
    public static Metrics create() {
        return new Metrics(new PrometheusRegistry());
    }

    /** The instruments of one transport, looked up once. */
    public Transport transport(String name) {
        if (this == OFF) {
            return Transport.OFF;
        }
        return new Transport(
                active.labelValues(name),
                connections.labelValues(name),
                received.labelValues(name),
                sent.labelValues(name));
    }

    /** One HTTP request answered: its method, status, time taken and body bytes both ways. */
    public void request(String method, int status, long nanos, long bodyIn, long bodyOut, Transport http) {
        if (this == OFF) {
            return;
        }
        int index = methodIndex(method) * STATUSES + Math.floorMod(status, STATUSES);
        CounterDataPoint series = requestSeries.get(index);
        if (series == null) {
            series = requests.labelValues(HTTP, METHODS[methodIndex(method)], Integer.toString(status));
            requestSeries.set(index, series);
        }
        series.inc();
        httpDurations.observe(nanos / 1e9);
        http.transferred(bodyIn, bodyOut);
    }

    /** The text exposition Prometheus scrapes. */
    public void writeTo(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    private static int methodIndex(String method) {
        return switch (method) {
            case "GET" -> 0;
            case "HEAD" -> 1;
            case "POST" -> 2;
            case "PUT" -> 3;
            case "PATCH" -> 4;
            case "DELETE" -> 5;
            case "OPTIONS" -> 6;
            case "TRACE" -> 7;
            case "CONNECT" -> 8;
            default -> 9;
        };
    }

    /** The connection and byte counts of one transport (http, tcp, unix). */
    public static class Transport {
        static final Transport OFF = new Transport(null, null, null, null);

        private final GaugeDataPoint active;
        private final CounterDataPoint connections;
        private final CounterDataPoint received;
        private final CounterDataPoint sent;

        Transport(
                GaugeDataPoint active, CounterDataPoint connections, CounterDataPoint received, CounterDataPoint sent) {
            this.active = active;
            this.connections = connections;
            this.received = received;
            this.sent = sent;
        }

        public void opened() {
            if (this != OFF) {
                connections.inc();
                active.inc();
            }
        }

        public void closed() {
            if (this != OFF) {
                active.dec();
            }
        }

        public void transferred(long bytesIn, long bytesOut) {
            if (this != OFF) {
                received.inc(bytesIn);
                sent.inc(bytesOut);
            }
        }
    }
}
