package dev.duet.server.http;

import dev.duet.common.LogText;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * One line per request: method, target, status, caller, time taken, in the same form as the
 * server's other log lines. Method and target are the client's bytes, so they are escaped: a path
 * cannot forge a log line.
 *
 * <p>Jetty calls this on its I/O thread, so it only queues the facts; one writer thread formats,
 * escapes and prints them in batches, every 20 ms, with one flush each. If the output cannot keep up and the
 * queue fills, lines are dropped and counted rather than stalling every client.
 */
final class AccessLog extends AbstractLifeCycle implements RequestLog {
    private static final int MAX_TARGET = 2048;
    private static final int QUEUE = 64 * 1024;
    private static final long BATCH_MILLIS = 20;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneId.systemDefault());

    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final PrintStream out;
    private Thread writer;

    AccessLog(PrintStream out) {
        this.out = out;
    }

    private record Entry(
            long epochMillis, String method, String target, int status, String address, int port, long micros) {}

    @Override
    public void log(Request request, Response response) {
        Entry entry = new Entry(
                System.currentTimeMillis(),
                request.getMethod(),
                RequestTarget.of(request.getHttpURI()),
                response.getStatus(),
                Request.getRemoteAddr(request),
                Request.getRemotePort(request),
                TimeUnit.NANOSECONDS.toMicros(NanoTime.since(request.getBeginNanoTime())));
        if (!queue.offer(entry)) {
            dropped.incrementAndGet();
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
            queue.drainTo(batch);
            for (Entry e : batch) {
                format(e, text);
            }
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                text.append(TIME.format(Instant.now()))
                        .append(" WARN access - ")
                        .append(lost)
                        .append(" lines dropped: the log output is slower than the requests\n");
            }
            out.print(text);
            out.flush();
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
            stamp = TIME.format(Instant.ofEpochMilli(epochMillis));
        }
        return stamp;
    }

    private void format(Entry e, StringBuilder line) {
        line.append(timestamp(e.epochMillis))
                .append(" INFO access - ")
                .append(LogText.escape(e.method, 64))
                .append(' ')
                .append(LogText.escape(e.target, MAX_TARGET))
                .append(' ')
                .append(e.status)
                .append(' ')
                .append(e.address)
                .append(':')
                .append(e.port)
                .append(' ')
                .append(e.micros / 1000)
                .append('.')
                .append(e.micros % 1000 / 100)
                .append("ms\n");
    }
}
