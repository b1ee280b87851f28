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
import java.util.List;
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

    /**
     * HTTP/1.x requests, and the echo port's connections: cleartext or TLS, whatever they speak
     * (HTTP/2 or WebSocket) after the first bytes.
     */
    public static final String HTTP = "http";
    /** HTTP/2 requests (h2 over TLS, h2c over cleartext) and their body bytes. */
    public static final String H2 = "h2";
    /**
     * gRPC calls on the echo port (over HTTP/2, whose connections they share): their code label is
     * the gRPC status (0 is OK), not the HTTP one.
     */
    public static final String GRPC = "grpc";
    /** WebSockets open on the echo port, and the messages they echo. */
    public static final String WS = "ws";
    /** The UDP echo's datagrams and their bytes. */
    public static final String UDP = "udp";

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
    private final Histogram durations;
    private final Gauge active;
    private final Counter connections;
    private final Counter received;
    private final Counter sent;
    private final Counter messages;
    private final Counter controls;
    private final Counter datagrams;
    private final Counter datagramsDropped;

    private Metrics() {
        registry = null;
        requests = null;
        durations = null;
        active = null;
        connections = null;
        received = null;
        sent = null;
        messages = null;
        controls = null;
        datagrams = null;
        datagramsDropped = null;
    }

    private Metrics(PrometheusRegistry registry) {
        this.registry = registry;
        requests = Counter.builder()
                .name("duet_requests_total")
                .help("HTTP requests answered")
                .labelNames("transport", "method", "code")
                .withoutExemplars()
                .register(registry);
        durations = Histogram.builder()
                .name("duet_request_duration_seconds")
                .help("Time from a request's first byte to the end of its answer")
                .unit(Unit.SECONDS)
                .labelNames("transport")
                .classicOnly()
                .classicUpperBounds(DURATION_BUCKETS)
                .withoutExemplars()
                .register(registry);
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
                .help("Bytes received: HTTP request bodies, stream data, WebSocket messages")
                .labelNames("transport")
                .withoutExemplars()
                .register(registry);
        sent = Counter.builder()
                .name("duet_sent_bytes_total")
                .help("Bytes sent: HTTP answer bodies, stream data, WebSocket messages")
                .labelNames("transport")
                .withoutExemplars()
                .register(registry);
        messages = Counter.builder()
                .name("duet_messages_total")
                .help("WebSocket messages echoed")
                .labelNames("transport")
                .withoutExemplars()
                .register(registry);
        controls = Counter.builder()
                .name("duet_controls_applied_total")
                .help("Answers a response control changed, by control (from the request or the defaults)")
                .labelNames("control")
                .withoutExemplars()
                .register(registry);
        datagrams = Counter.builder()
                .name("duet_datagrams_total")
                .help("UDP datagrams received, and echoes sent")
                .labelNames("direction")
                .withoutExemplars()
                .register(registry);
        datagramsDropped = Counter.builder()
                .name("duet_datagrams_dropped_total")
                .help("UDP datagrams received and not echoed: over --max-datagram, or the send failed")
                .labelNames("reason")
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
                sent.labelValues(name),
                name.equals(WS) ? messages.labelValues(name) : null); // only WebSockets have messages
    }

    /**
     * The request counters of one HTTP version ({@link #HTTP}, {@link #H2}), looked up once, body
     * bytes among them: HTTP/2's are counted under h2, as its requests are, though its connections
     * are counted under http (they are that until their first bytes say otherwise).
     */
    public Requests requests(String transport) {
        if (this == OFF) {
            return Requests.OFF;
        }
        return new Requests(this, transport);
    }

    /** The counters of these controls, in this order, looked up once. */
    public Controls controls(List<String> names) {
        if (this == OFF) {
            return Controls.OFF;
        }
        return new Controls(names.stream().map(controls::labelValues).toArray(CounterDataPoint[]::new));
    }

    /** The UDP echo's counters, looked up once. */
    public Datagrams datagrams() {
        if (this == OFF) {
            return Datagrams.OFF;
        }
        return new Datagrams(
                datagrams.labelValues("received"),
                datagrams.labelValues("sent"),
                datagramsDropped.labelValues(Datagrams.OVERSIZE),
                datagramsDropped.labelValues(Datagrams.SEND_FAILED),
                // bytes only: UDP has no connections to count
                new Transport(null, null, received.labelValues(UDP), sent.labelValues(UDP), null));
    }

    /** The text exposition Prometheus scrapes. */
    public void writeTo(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** A linear search: a switch on strings hashes the method, which Jetty hands over uncached. */
    private static int methodIndex(String method) {
        int last = METHODS.length - 1;
        for (int i = 0; i < last; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return last;
    }

    /**
     * The requests of one HTTP version: a series per method and status, found the first time it is
     * used and kept, the durations, and the body bytes both ways.
     */
    public static final class Requests {
        static final Requests OFF = new Requests();

        private final Metrics metrics;
        private final String transport;
        private final AtomicReferenceArray<CounterDataPoint> series;
        private final DistributionDataPoint durations;
        /** Its body bytes only: connections are counted by the transport they come over. */
        private final Transport bytes;

        private Requests() {
            metrics = null;
            transport = null;
            series = null;
            durations = null;
            bytes = null;
        }

        private Requests(Metrics metrics, String transport) {
            this.metrics = metrics;
            this.transport = transport;
            this.series = new AtomicReferenceArray<>(METHODS.length * STATUSES);
            this.durations = metrics.durations.labelValues(transport);
            this.bytes = new Transport(
                    null, null, metrics.received.labelValues(transport), metrics.sent.labelValues(transport), null);
        }

        /** One request answered: its method, status, time taken and body bytes both ways. */
        public void record(String method, int status, long nanos, long bodyIn, long bodyOut) {
            if (this == OFF) {
                return;
            }
            int index = methodIndex(method) * STATUSES + Math.floorMod(status, STATUSES);
            CounterDataPoint point = series.get(index);
            if (point == null) {
                point = metrics.requests.labelValues(transport, METHODS[methodIndex(method)], Integer.toString(status));
                series.set(index, point);
            }
            point.inc();
            durations.observe(nanos / 1e9);
            bytes.transferred(bodyIn, bodyOut);
        }
    }

    /** How many answers each response control changed. */
    public static final class Controls {
        static final Controls OFF = new Controls(null);

        private final CounterDataPoint[] applied;

        private Controls(CounterDataPoint[] applied) {
            this.applied = applied;
        }

        /** One answer the {@code index}-th control changed. */
        public void applied(int index) {
            if (this != OFF) {
                applied[index].inc();
            }
        }
    }

    /** The connection, byte and message counts of one transport (http, tcp, unix, ws). */
    public static class Transport {
        static final Transport OFF = new Transport(null, null, null, null, null);

        private final GaugeDataPoint active;
        private final CounterDataPoint connections;
        private final CounterDataPoint received;
        private final CounterDataPoint sent;
        private final CounterDataPoint messages;

        Transport(
                GaugeDataPoint active,
                CounterDataPoint connections,
                CounterDataPoint received,
                CounterDataPoint sent,
                CounterDataPoint messages) {
            this.active = active;
            this.connections = connections;
            this.received = received;
            this.sent = sent;
            this.messages = messages;
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
            if (this == OFF) {
                return;
            }
            // most requests have no body: an add of nothing still costs an atomic update
            if (bytesIn > 0) {
                received.inc(bytesIn);
            }
            if (bytesOut > 0) {
                sent.inc(bytesOut);
            }
        }

        /** One message echoed, {@code bytes} long each way. */
        public void message(long bytes) {
            if (this != OFF) {
                messages.inc();
                received.inc(bytes);
                sent.inc(bytes);
            }
        }
    }

    /** Datagrams one way and the other, those dropped by reason, and their bytes (under transport udp). */
    public static final class Datagrams {
        static final Datagrams OFF = new Datagrams(null, null, null, null, Transport.OFF);
        /** A datagram longer than the server takes: not echoed, since a cut one would not be the same. */
        static final String OVERSIZE = "oversize";
        /** The echo could not be sent: the socket's send buffer was full, or the system refused it. */
        static final String SEND_FAILED = "send_failed";

        private final CounterDataPoint received;
        private final CounterDataPoint sent;
        private final CounterDataPoint oversize;
        private final CounterDataPoint sendFailed;
        private final Transport bytes;

        private Datagrams(
                CounterDataPoint received,
                CounterDataPoint sent,
                CounterDataPoint oversize,
                CounterDataPoint sendFailed,
                Transport bytes) {
            this.received = received;
            this.sent = sent;
            this.oversize = oversize;
            this.sendFailed = sendFailed;
            this.bytes = bytes;
        }

        public void received(int size) {
            if (this != OFF) {
                received.inc();
                bytes.transferred(size, 0);
            }
        }

        public void sent(int size) {
            if (this != OFF) {
                sent.inc();
                bytes.transferred(0, size);
            }
        }

        public void oversize() {
            if (this != OFF) {
                oversize.inc();
            }
        }

        public void sendFailed() {
            if (this != OFF) {
                sendFailed.inc();
            }
        }
    }
}
