package dev.duet.server.http;

import dev.duet.common.LogText;
import dev.duet.server.Instance;
import dev.duet.server.logging.JsonLine;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.logging.LogTime;
import dev.duet.server.metrics.Activity;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * One line per request — method, target, status, caller, time taken, body bytes — as text or as
 * JSON, like the server's other log lines; and each request handed to the inspector. Method and
 * target are the client's bytes, so they are escaped: a path cannot forge a log line.
 *
 * <p>Jetty calls this on its I/O thread, so it only queues the facts; one writer thread formats,
 * escapes and prints them in batches, every 20 ms, with one flush each, and tells the inspector. If
 * the output cannot keep up and the queue fills, lines are dropped and counted rather than stalling
 * every client.
 */
final class AccessLog extends AbstractLifeCycle implements RequestLog {
    private static final int MAX_TARGET = 2048;
    private static final int QUEUE = 64 * 1024;
    private static final long BATCH_MILLIS = 20;

    // Lock-free: with a lock, the I/O threads and the writer draining a batch took turns waking
    // each other, about a tenth of the echo's time under load. The count bounds the queue.
    private final Queue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Optional<PrintStream> out;
    private final LogFormat format;
    private final String name;
    private final Activity activity;
    private Thread writer;

    /** @param out where the lines go; empty to tell only the inspector (--quiet) */
    AccessLog(Optional<PrintStream> out, Instance instance) {
        this.out = out;
        this.format = instance.logFormat();
        this.name = instance.identity().name();
        this.activity = instance.activity();
    }

    private record Entry(
            long epochMillis,
            String method,
            String target,
            int status,
            String address,
            int port,
            long micros,
            long bytes,
            long messages) {}

    /** HTTP requests have no message count. */
    private static final long NOT_A_WEBSOCKET = -1;

    @Override
    public void log(Request request, Response response) {
        Entry entry = new Entry(
                System.currentTimeMillis(),
                request.getMethod(),
                RequestTarget.of(request.getHttpURI()),
                response.getStatus(),
                Request.getRemoteAddr(request),
                Request.getRemotePort(request),
                TimeUnit.NANOSECONDS.toMicros(NanoTime.since(request.getBeginNanoTime())),
                Response.getContentBytesWritten(response),
                NOT_A_WEBSOCKET);
        queue(entry);
    }

    /**
     * A WebSocket closed: a line like a request's, with {@code WS} for the method, the close code
     * for the status, its whole life for the time, and the messages and bytes it echoed.
     */
    void webSocketClosed(WebSocketEcho.Summary s) {
        queue(new Entry(
                System.currentTimeMillis(),
                "WS",
                s.target(),
                s.code(),
                s.address(),
                s.port(),
                TimeUnit.NANOSECONDS.toMicros(s.nanos()),
                s.bytes(),
                s.messages()));
    }

    private void queue(Entry entry) {
        if (queued.incrementAndGet() > QUEUE) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
        } else {
            queue.offer(entry);
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
        while (!stopping || !queue.isEmpty()) {
            try {
                // wake on a clock, not per line: a consumer parked on the queue would cost every
                // request a wake-up call
                Thread.sleep(BATCH_MILLIS);
            } catch (InterruptedException e) {
                stopping = true;
            }
            for (Entry e; (e = queue.poll()) != null; ) {
                batch.add(e);
            }
            queued.addAndGet(-batch.size());
            for (Entry e : batch) {
                if (out.isPresent()) {
                    format(e, text);
                }
                activity.request(new Activity.Request(
                        e.epochMillis, e.method, e.target, e.status, e.address + ":" + e.port, e.micros, e.bytes));
            }
            long lost = dropped.getAndSet(0);
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

    private void format(Entry e, StringBuilder line) {
        String method = LogText.escape(e.method, 64);
        String target = LogText.escape(e.target, MAX_TARGET);
        long tenths = e.micros / 100;
        if (format == LogFormat.JSON) {
            // JSON escapes the raw text itself; the message repeats it escaped, as the text line
            JsonLine json = new JsonLine(line)
                    .string("time", timestamp(e.epochMillis))
                    .string("level", "INFO")
                    .string("logger", "access")
                    .string("message", method + " " + target + " " + e.status)
                    .string("method", e.method)
                    .string("target", e.target.length() > MAX_TARGET ? e.target.substring(0, MAX_TARGET) : e.target)
                    .number("status", e.status)
                    .string("caller", e.address + ":" + e.port)
                    .tenths("durationMs", tenths)
                    .number("bytes", e.bytes);
            if (e.messages != NOT_A_WEBSOCKET) {
                json.number("messages", e.messages);
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
                .append(e.address)
                .append(':')
                .append(e.port)
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
        line.append('\n');
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
