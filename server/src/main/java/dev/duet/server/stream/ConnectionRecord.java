package dev.duet.server.stream;

import dev.duet.server.metrics.Activity;
import dev.duet.server.metrics.Metrics;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bookkeeping of one stream connection, from accepted to ended, kept the same way by the
 * selector loops and the TLS threads: its place under --max-connections, the active-connections
 * gauge, and the inspector's open and close rows. {@link #end} counts once however many paths
 * reach it — the client leaving, an error, a loop that dies, the server stopping — so the gauge
 * never drifts and no place under the limit is lost.
 */
final class ConnectionRecord {
    final long id;
    final String peer;
    private final String transport;
    private final Metrics.Transport metrics;
    private final Activity activity;
    private final Runnable release;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Bytes echoed back, written by the one thread serving the connection. */
    private volatile long echoed;

    /** @param release gives the connection's place under the limit back */
    ConnectionRecord(
            long id, String peer, String transport, Metrics.Transport metrics, Activity activity, Runnable release) {
        this.id = id;
        this.peer = peer;
        this.transport = transport;
        this.metrics = metrics;
        this.activity = activity;
        this.release = release;
        metrics.opened();
        activity.connection(new Activity.Connection(System.currentTimeMillis(), transport, id, peer, true, 0));
    }

    void echoed(long bytes) {
        echoed += bytes;
    }

    /**
     * The connection is over: its place is free (first, so a client that saw the close finds it
     * free), the gauge goes down, the inspector is told.
     *
     * @return true the first time, false when it had ended already
     */
    boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        release.run();
        metrics.closed();
        activity.connection(new Activity.Connection(System.currentTimeMillis(), transport, id, peer, false, echoed));
        return true;
    }
}
