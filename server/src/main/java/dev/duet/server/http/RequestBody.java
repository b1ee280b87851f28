package dev.duet.server.http;

import java.io.ByteArrayOutputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads a request's whole body without blocking, as its chunks arrive, keeping the bytes (for the
 * JSON echo) or only counting them (for the plain echo, which answers with the target alone). A
 * body past the limit stops the reading. Waiting for a slow body holds no thread: when no chunk is
 * there, the reader asks Jetty to call it again, and as it never blocks, Jetty may do so on its I/O
 * thread rather than handing each chunk to a pool thread.
 */
final class RequestBody implements Invocable.Task {
    /** What became of the body. Called once, on whatever thread delivered the last chunk. */
    interface Outcome {
        /** The whole body arrived: its bytes, or none when they were discarded. */
        void read(byte[] body);

        /** The body passed the limit; what is left of it was not read. */
        void tooLarge();

        /** The body broke off: the client went away, or stalled past the idle timeout. */
        void failed(Throwable cause);
    }

    private static final byte[] NOTHING = new byte[0];

    private final Request request;
    private final long limit;
    private final Outcome outcome;
    private final ByteArrayOutputStream kept;
    /** What the access log keeps of the body (--log-body), or null. */
    private final BodySample sample;

    private Content.Chunk pending;
    private long length;

    private RequestBody(
            Request request, Content.Chunk first, long limit, boolean keep, BodySample sample, Outcome outcome) {
        this.request = request;
        this.pending = first;
        this.limit = limit;
        this.outcome = outcome;
        this.kept = keep ? new ByteArrayOutputStream() : null;
        this.sample = sample;
    }

    /**
     * Reads the body to its end and drops it; then {@code outcome} hears of it. {@code first} is a
     * chunk the caller already read (or null). A body read whole is left to the access log as {@code
     * sample} when there is one.
     */
    static void discard(Request request, Content.Chunk first, long limit, BodySample sample, Outcome outcome) {
        new RequestBody(request, first, limit, false, sample, outcome).run();
    }

    /** Reads the body to its end and hands its bytes to {@code outcome}; the sample as above. */
    static void keep(Request request, long limit, BodySample sample, Outcome outcome) {
        new RequestBody(request, null, limit, true, sample, outcome).run();
    }

    /** Reads what has arrived; when nothing has, asks to be run again once more does. */
    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = pending != null ? pending : request.read();
            pending = null;
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                outcome.failed(chunk.getFailure());
                return;
            }
            length += chunk.remaining();
            if (length > limit) {
                chunk.release();
                outcome.tooLarge();
                return;
            }
            if (sample != null && chunk.hasRemaining()) {
                sample.add(chunk.getByteBuffer());
            }
            if (kept != null && chunk.hasRemaining()) {
                byte[] bytes = new byte[chunk.remaining()];
                chunk.getByteBuffer().get(bytes);
                kept.writeBytes(bytes);
            }
            chunk.release();
            if (chunk.isLast()) {
                if (sample != null && length > 0) {
                    request.setAttribute(BodySample.ATTRIBUTE, sample);
                }
                outcome.read(kept == null ? NOTHING : kept.toByteArray());
                return;
            }
        }
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
