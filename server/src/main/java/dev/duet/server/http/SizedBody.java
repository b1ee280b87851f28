package dev.duet.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * An answer body of exactly the size X-Duet-Size asked for, written a slice at a time as the
 * client takes it: a gigabyte costs one 64 KiB buffer, and no thread waits on a slow reader. The
 * bytes are the echoed target repeated, so a client can still tell which request it answers.
 *
 * <p>It also shapes a body the way a failing server sends one: trickled (X-Duet-Trickle), in
 * pieces spread evenly over a time, a timer between them and no thread held; or cut short
 * (X-Duet-Fault: cut), only its first half written after headers that promise all of it. Either
 * way the headers go out at once, on their own.
 */
final class SizedBody extends IteratingCallback {
    private static final int SLICE = 64 * 1024;
    /** A trickled body goes in this many pieces, or one a byte when it is shorter. */
    static final int TRICKLE_PIECES = 10;

    private final Response response;
    private final Callback done;
    private final ByteBuffer pattern;
    private final int unitLength;
    private final long size;
    /** Where the writing stops: the size, or half of it for a cut. */
    private final long stopAt;
    /** Null when the body is not trickled. */
    private final Scheduler scheduler;

    private final long pieceBytes;
    private final long gapNanos;
    private boolean headersSent;
    private long sent;
    /** The offset at which the last pause was taken, so each is taken once. */
    private long pausedAt = -1;

    private SizedBody(Response response, byte[] echo, long size, Shape shape, Callback done) {
        this.response = response;
        this.done = done;
        this.size = size;
        this.stopAt = shape.cut() ? size / 2 : size;
        this.scheduler = shape.trickle().isZero() ? null : shape.scheduler();
        long pieces = Math.max(1, Math.min(TRICKLE_PIECES, size));
        this.pieceBytes = Math.max(1, (size + pieces - 1) / pieces);
        // 16 bytes in pieces of 2 are 8 pieces, not 10: the gaps are counted from the pieces made
        this.gapNanos = shape.trickle().toNanos() / Math.max(1, (size + pieceBytes - 1) / pieceBytes);
        // headers alone first when the body will be late or short: the client sees them arrive
        this.headersSent = scheduler == null && !shape.cut();
        byte[] unit = echo.length == 0 ? "/".getBytes(StandardCharsets.US_ASCII) : echo;
        this.unitLength = unit.length;
        if (size <= unit.length) {
            this.pattern = ByteBuffer.wrap(unit).asReadOnlyBuffer(); // the body is the echo itself: no copy
        } else {
            // whole units, at least two, so a slice may begin anywhere in a unit and still run on
            int units = Math.max(2, SLICE / unit.length + 1);
            byte[] repeated = new byte[units * unit.length];
            for (int i = 0; i < repeated.length; i++) {
                repeated[i] = unit[i % unit.length];
            }
            this.pattern = ByteBuffer.wrap(repeated).asReadOnlyBuffer();
        }
    }

    /**
     * How the body goes out beyond its size.
     *
     * @param trickle   the time its pieces are spread over; zero for all at once
     * @param cut       only the first half is written: the caller then ends the connection
     * @param scheduler the timer between trickled pieces
     */
    record Shape(Duration trickle, boolean cut, Scheduler scheduler) {
        static final Shape WHOLE = new Shape(Duration.ZERO, false, null);
    }

    /** Writes {@code size} bytes of {@code echo} repeated, then completes {@code done}. */
    static void write(Response response, byte[] echo, long size, Callback done) {
        write(response, echo, size, Shape.WHOLE, done);
    }

    /**
     * Writes {@code size} bytes of {@code echo} repeated, shaped as {@code shape} says, then
     * completes {@code done}; for a cut, once the half is written.
     */
    static void write(Response response, byte[] echo, long size, Shape shape, Callback done) {
        new SizedBody(response, echo, size, shape, done).iterate();
    }

    @Override
    protected Action process() {
        if (!headersSent) {
            headersSent = true;
            response.write(false, BufferUtil.EMPTY_BUFFER, this);
            return Action.SCHEDULED;
        }
        if (sent == stopAt) {
            return Action.SUCCEEDED;
        }
        if (scheduler != null && sent % pieceBytes == 0 && pausedAt != sent) {
            pausedAt = sent;
            scheduler.schedule(this::succeeded, gapNanos, TimeUnit.NANOSECONDS);
            return Action.SCHEDULED;
        }
        int offset = (int) (sent % unitLength);
        long length = Math.min(stopAt - sent, Math.min(SLICE, pattern.capacity() - offset));
        if (scheduler != null) {
            length = Math.min(length, pieceBytes - sent % pieceBytes);
        }
        sent += length;
        ByteBuffer slice = pattern.duplicate().position(offset).limit(offset + (int) length);
        response.write(sent == size, slice, this);
        return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteSuccess() {
        done.succeeded();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        done.failed(cause);
    }
}
