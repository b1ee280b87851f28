package dev.duet.server.http;

import dev.duet.common.LogText;
import dev.duet.server.Instance;
import dev.duet.server.grpc.GrpcCall;
import dev.duet.server.logging.JsonLine;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.logging.LogTime;
import dev.duet.server.metrics.Activity;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.HostPort;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * One line per request — method, target, status, caller, time taken, body bytes, and with {@link
 * LogDetail} its headers and the start of its body — as text or as JSON, like the server's other log
 * lines; and each request handed to the inspector. All of it is the client's bytes, so it is
 * escaped: a path or a header cannot forge a log line; and credentials are redacted.
 *
 * <p>Jetty calls this on its I/O thread, so it only keeps the facts, in a lane of that thread's own;
 * one writer thread takes every lane's entries each 20 ms, formats, escapes and prints them in
 * time order with one flush, and tells the inspector. If the output cannot keep up and a lane
 * fills, lines are dropped and counted rather than stalling every client.
 */
final class AccessLog extends AbstractLifeCycle implements RequestLog {
    private static final int MAX_TARGET = 2048;
    /** A header's name or value in a text line: the whole header block is at most --max-header-size. */
    private static final int MAX_HEADER = 64 * 1024;
    /** Entries one thread may hold between two batches. */
    private static final int LANE = 64 * 1024;

    private static final long BATCH_MILLIS = 20;

    // A lane per thread that logs: a shared queue cost each request a contended hand-off, about a
    // tenth of the echo's time under load (JFR); a lane's lock is only contended once a batch.
    private final ThreadLocal<Lane> lane = ThreadLocal.withInitial(this::newLane);
    private final Queue<Lane> lanes = new ConcurrentLinkedQueue<>();
    private final Optional<PrintStream> out;
    private final LogFormat format;
    private final String name;
    private final Activity activity;
    private final LogDetail detail;
    private Thread writer;

    /** @param out where the lines go; empty to tell only the inspector (--quiet) */
    AccessLog(Optional<PrintStream> out, Instance instance, LogDetail detail) {
        this.out = out;
        this.format = instance.logFormat();
        this.name = instance.identity().name();
        this.activity = instance.activity();
        this.detail = detail;
    }

    /**
     * One line's facts, as cheap to take as they come: the target and the caller are turned into
     * text by the writer. A WebSocket's come as text already, from its own summary.
     */
    private record Entry(
            long nanos,
            long epochMillis,
            String method,
            Object target,
            int status,
            Object caller,
            long micros,
            long bytes,
            long messages,
            HttpFields headers,
            String authority,
            BodySample body) {
        String targetText() {
            return target instanceof HttpURI uri ? RequestTarget.of(uri) : (String) target;
        }

        String callerText() {
            if (caller instanceof InetSocketAddress a) {
                // as Jetty's Request.getRemoteAddr/getRemotePort: an IPv6 address in brackets
                String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
                return HostPort.normalizeHost(host) + ":" + a.getPort();
            }
            return String.valueOf(caller);
        }
    }

    /** The entries one thread logged since the writer last took them. */
    private static final class Lane {
        final Thread owner = Thread.currentThread();
        List<Entry> entries = new ArrayList<>();
        long dropped;
    }

    private Lane newLane() {
        Lane created = new Lane();
        lanes.add(created);
        return created;
    }

    private static final String GRPC = "GRPC";

    /** HTTP requests have no message count. */
    private static final long NOT_A_WEBSOCKET = -1;

    @Override
    public void log(Request request, Response response) {
        long now = NanoTime.now();
        GrpcCall call = GrpcCall.of(request); // GRPC and its status, as a WebSocket is WS and its close code
        // references only: the request's fields are immutable, and the writer renders them
        HttpFields headers = detail.headers() ? request.getHeaders() : null;
        String authority = headers != null && request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2
                ? request.getHttpURI().getAuthority()
                : null;
        queue(new Entry(
                now,
                System.currentTimeMillis(),
                call != null ? GRPC : request.getMethod(),
                request.getHttpURI(),
                call != null ? call.status() : response.getStatus(),
                request.getConnectionMetaData().getRemoteSocketAddress(),
                TimeUnit.NANOSECONDS.toMicros(NanoTime.elapsed(request.getBeginNanoTime(), now)),
                HttpMetrics.bodyBytesSent(request, response),
                NOT_A_WEBSOCKET,
                headers,
                authority,
                detail.bodyBytes() > 0 ? (BodySample) request.getAttribute(BodySample.ATTRIBUTE) : null));
    }

    /**
     * A WebSocket closed: a line like a request's, with {@code WS} for the method, the close code
     * for the status, its whole life for the time, and the messages and bytes it echoed.
     */
    void webSocketClosed(WebSocketEcho.Summary s) {
        queue(new Entry(
                NanoTime.now(),
                System.currentTimeMillis(),
                "WS",
                s.target(),
                s.code(),
                s.address() + ":" + s.port(),
                TimeUnit.NANOSECONDS.toMicros(s.nanos()),
                s.bytes(),
                s.messages(),
                null,
                null,
                null));
    }

    private void queue(Entry entry) {
        Lane mine = lane.get();
        synchronized (mine) {
            if (mine.entries.size() < LANE) {
                mine.entries.add(entry);
            } else {
                mine.dropped++;
            }
        }
    }

    @Override
    protected void doStart() {
        writer = new Thread(this::writeLoop, "duet-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs after the connectors have stopped: every line already queued is written. */
    @Override
    protected void doStop() throws InterruptedException {
        writer.interrupt();
        writer.join(TimeUnit.SECONDS.toMillis(5));
    }

    private void writeLoop() {
        List<Entry> batch = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean stopping = false;
        boolean more = true;
        while (!stopping || more) {
            try {
                // wake on a clock, not per line: a consumer woken per entry would cost every
                // request a wake-up call
                Thread.sleep(BATCH_MILLIS);
            } catch (InterruptedException e) {
                stopping = true;
            }
            long lost = take(batch);
            more = !batch.isEmpty();
            batch.sort(Comparator.comparingLong(Entry::nanos)); // lanes interleave in time
            for (Entry e : batch) {
                String target = e.targetText();
                String caller = e.callerText();
                Activity.Detail kept = detail(e);
                if (out.isPresent()) {
                    format(e, target, caller, kept, text);
                }
                activity.request(new Activity.Request(
                        e.epochMillis, e.method, target, e.status, caller, e.micros, e.bytes, kept));
            }
            if (lost > 0 && out.isPresent()) {
                warn(lost + " lines dropped: the log output is slower than the requests", text);
            }
            if (out.isPresent() && !text.isEmpty()) {
                out.get().print(text);
                out.get().flush();
            }
            batch.clear();
            text.setLength(0);
        }
    }

    /**
     * Moves every lane's entries into {@code batch}, forgets the lanes of threads that ended, and
     * returns how many entries were dropped since the last call.
     */
    private long take(List<Entry> batch) {
        long lost = 0;
        for (Iterator<Lane> it = lanes.iterator(); it.hasNext(); ) {
            Lane l = it.next();
            List<Entry> taken;
            synchronized (l) {
                taken = l.entries;
                l.entries = new ArrayList<>(Math.max(16, taken.size()));
                lost += l.dropped;
                l.dropped = 0;
            }
            batch.addAll(taken);
            if (!l.owner.isAlive()) {
                it.remove(); // its thread is gone: nothing more will come, and all it had is taken
            }
        }
        return lost;
    }

    private long stampMillis = -1;
    private String stamp = "";

    /** Formatting a time is the costly part of a line; lines of the same millisecond share it. */
    private String timestamp(long epochMillis) {
        if (epochMillis != stampMillis) {
            stampMillis = epochMillis;
            stamp = LogTime.of(Instant.ofEpochMilli(epochMillis));
        }
        return stamp;
    }

    /** The headers and body an entry kept, redacted; null when it kept neither. */
    private Activity.Detail detail(Entry e) {
        if (e.headers == null && e.body == null) {
            return null;
        }
        List<List<String>> headers = null;
        if (e.headers != null) {
            headers = new ArrayList<>(e.headers.size() + 1);
            if (e.authority != null) {
                headers.add(List.of(":authority", e.authority)); // HTTP/2's Host, kept out of the fields
            }
            for (HttpField field : e.headers) {
                headers.add(List.of(field.getName(), detail.redaction().show(field.getName(), field.getValue())));
            }
        }
        return new Activity.Detail(headers, e.body == null ? null : e.body.summary());
    }

    private void format(Entry e, String rawTarget, String caller, Activity.Detail kept, StringBuilder line) {
        String method = LogText.escape(e.method, 64);
        String target = LogText.escape(rawTarget, MAX_TARGET);
        long tenths = e.micros / 100;
        if (format == LogFormat.JSON) {
            // JSON escapes the raw text itself; the message repeats it escaped, as the text line
            JsonLine json = new JsonLine(line)
                    .string("time", timestamp(e.epochMillis))
                    .string("level", "INFO")
                    .string("logger", "access")
                    .string("message", method + " " + target + " " + e.status)
                    .string("method", e.method)
                    .string("target", rawTarget.length() > MAX_TARGET ? rawTarget.substring(0, MAX_TARGET) : rawTarget)
                    .number("status", e.status)
                    .string("caller", caller)
                    .tenths("durationMs", tenths)
                    .number("bytes", e.bytes);
            if (e.messages != NOT_A_WEBSOCKET) {
                json.number("messages", e.messages);
            }
            if (kept != null) {
                jsonDetail(kept, json);
            }
            json.string("name", name).end();
            return;
        }
        line.append(timestamp(e.epochMillis))
                .append(" INFO access - ")
                .append(method)
                .append(' ')
                .append(target)
                .append(' ')
                .append(e.status)
                .append(' ')
                .append(caller)
                .append(' ')
                .append(tenths / 10)
                .append('.')
                .append(tenths % 10)
                .append("ms");
        if (e.messages != NOT_A_WEBSOCKET) {
            line.append(' ')
                    .append(e.messages)
                    .append(" messages ")
                    .append(e.bytes)
                    .append(" bytes");
        }
        if (kept != null) {
            textDetail(kept, line);
        }
        line.append('\n');
    }

    /** {@code headers: Name="value" ...} and {@code body: N bytes sha256=HEX "text"}, escaped, quotes too. */
    private static void textDetail(Activity.Detail kept, StringBuilder line) {
        if (kept.headers() != null) {
            line.append(" headers:");
            for (List<String> header : kept.headers()) {
                line.append(' ')
                        .append(LogText.escape(header.get(0), MAX_HEADER))
                        .append('=');
                quoted(LogText.escape(header.get(1), MAX_HEADER), line);
            }
        }
        Activity.Body body = kept.body();
        if (body != null) {
            line.append(" body: ")
                    .append(body.bytes())
                    .append(" bytes sha256=")
                    .append(body.sha256())
                    .append(' ');
            quoted(body.text(), line);
            if (body.truncated()) {
                line.append("...");
            }
        }
    }

    private static void quoted(String escaped, StringBuilder line) {
        line.append('"');
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '"') {
                line.append('\\');
            }
            line.append(c);
        }
        line.append('"');
    }

    /**
     * Each header a field of {@code headers}, named in lower case so every request's line has the same
     * keys (a repeated header's values joined with ", "); the body an object of its own.
     */
    private static void jsonDetail(Activity.Detail kept, JsonLine json) {
        if (kept.headers() != null) {
            Map<String, String> byName = new LinkedHashMap<>();
            for (List<String> header : kept.headers()) {
                byName.merge(header.get(0).toLowerCase(Locale.ROOT), header.get(1), (a, b) -> a + ", " + b);
            }
            JsonLine headers = json.object("headers");
            byName.forEach(headers::string);
            headers.close();
        }
        Activity.Body body = kept.body();
        if (body != null) {
            JsonLine b = json.object("body");
            b.number("bytes", body.bytes())
                    .string("sha256", body.sha256())
                    .string("text", body.text())
                    .bool("truncated", body.truncated())
                    .close();
        }
    }

    private void warn(String message, StringBuilder text) {
        String time = LogTime.of(Instant.now());
        if (format == LogFormat.JSON) {
            new JsonLine(text)
                    .string("time", time)
                    .string("level", "WARN")
                    .string("logger", "access")
                    .string("message", message)
                    .end();
        } else {
            text.append(time).append(" WARN access - ").append(message).append('\n');
        }
    }
}
