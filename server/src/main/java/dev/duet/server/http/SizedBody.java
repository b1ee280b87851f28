package dev.duet.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * An answer body of exactly the size X-Duet-Size asked for, written a slice at a time as the
 * client takes it: a gigabyte costs one 64 KiB buffer, and no thread waits on a slow reader. The
 * bytes are the echoed target repeated, so a client can still tell which request it answers.
 */
final class SizedBody extends IteratingCallback {
    private static final int SLICE = 64 * 1024;

    private final Response response;
    private final Callback done;
    private final ByteBuffer pattern;
    private long left;

    private SizedBody(Response response, byte[] echo, long size, Callback done) {
        this.response = response;
        this.done = done;
        this.left = size;
        byte[] unit = echo.length == 0 ? "/".getBytes(StandardCharsets.US_ASCII) : echo;
        // whole units a slice, so the pattern runs on unbroken from one slice to the next
        int units = Math.max(1, SLICE / unit.length);
        byte[] slice = new byte[(int) Math.min((long) units * unit.length, Math.max(size, 1))];
        for (int i = 0; i < slice.length; i++) {
            slice[i] = unit[i % unit.length];
        }
        this.pattern = ByteBuffer.wrap(slice).asReadOnlyBuffer();
    }

    /** Writes {@code size} bytes of {@code echo} repeated, then completes {@code done}. */
    static void write(Response response, byte[] echo, long size, Callback done) {
        new SizedBody(response, echo, size, done).iterate();
    }

    @Override
    protected Action process() {
        if (left == 0) {
            return Action.SUCCEEDED;
        }
        int length = (int) Math.min(left, pattern.capacity());
        left -= length;
        ByteBuffer slice = pattern.duplicate().position(0).limit(length);
        response.write(left == 0, slice, this);
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
