package dev.duet.server.http;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * X-Duet-Fault: hang, a request never answered. It ends, unanswered, once its connection has been
 * idle too long, or as soon as its client resets the stream or leaves: Jetty leaves a handled
 * request's callback to its handler, and one never failed stayed in flight for good, unlogged,
 * uncounted, and holding every later stop for the whole shutdown timeout.
 *
 * <p>Three signals, because none is enough alone: the request's failure (a reset stream, or a
 * connection HTTP/2 saw close); the connection's close, since over an h2c upgrade Jetty 12.1.12
 * at times fails the stream without telling the request; and, for a client gone before these were
 * listened for, the failure a read returns. Whichever comes first ends it, once.
 */
final class Hang implements Connection.Listener {
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Request request;
    private final Callback callback;
    private final Connection connection;

    private Hang(Request request, Callback callback) {
        this.request = request;
        this.callback = callback;
        this.connection = request.getConnectionMetaData().getConnection();
    }

    /** Leaves {@code request} unanswered until one of the signals ends it. */
    static void start(Request request, Callback callback) {
        Hang hang = new Hang(request, callback);
        request.addFailureListener(hang::end);
        request.addIdleTimeoutListener(timeout -> {
            ConnectionFault.close(request);
            hang.end(new QuietException.Exception("idle timeout while hanging, as X-Duet-Fault asked"));
            return false;
        });
        hang.connection.addEventListener(hang);
        if (!hang.connection.getEndPoint().isOpen()) {
            hang.onClosed(hang.connection); // closed before the listener was added
        }
        // the body is in, so a read is the end of it, or the failure Jetty met before now
        Content.Chunk after = request.read();
        if (Content.Chunk.isFailure(after)) {
            hang.end(after.getFailure());
        } else if (after != null) {
            after.release();
        }
    }

    @Override
    public void onClosed(Connection closed) {
        end(new EofException("the client closed the connection while the request hung"));
    }

    private void end(Throwable failure) {
        if (ended.compareAndSet(false, true)) {
            connection.removeEventListener(this);
            callback.failed(failure);
        }
    }
}
