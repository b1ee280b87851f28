package dev.duet.server.http;

import dev.duet.server.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One WebSocket: every message goes back exactly as it came, text or binary. A message in one
 * frame (the usual case) is echoed from the connection's own buffer; one in fragments is gathered
 * first, as it may still turn out too large. A message over the limit is not echoed at all: the
 * socket closes with 1009 (message too big), reading what the client still sends until its close,
 * so the client gets the close frame rather than a reset. The next frame is asked for only once
 * the last echo is sent: a client that does not read its echoes is not buffered for without bound.
 */
final class WebSocketEcho implements FrameHandler {
    /** Who keeps track of the open sockets: told when one opens, and once when it closes. */
    interface Tracker {
        void opened(CoreSession session);

        void closed(CoreSession session, Summary summary);
    }

    /**
     * A socket's life, for the access log.
     *
     * @param target the request target of the upgrade, as sent
     * @param code   the close code: 1000 normal, 1001 going away, 1006 no close frame, 1007 text not
     *               UTF-8, 1009 too big
     * @param bytes  echoed, each way
     */
    record Summary(String target, String address, int port, int code, long messages, long bytes, long nanos) {}

    private final long maxMessage;
    private final Metrics.Transport metrics;
    private final Tracker tracker;
    private final String target;
    private final String address;
    private final int port;
    private final long opened = System.nanoTime();
    private CoreSession session;
    /** The fragments of a message so far, or null between messages. */
    private ByteArrayOutputStream gathered;

    private byte gatheredOpCode;
    private boolean refused;
    private long messages;
    private long bytes;

    /** @param target, address, port: the upgrade request's, for the summary */
    WebSocketEcho(
            long maxMessage, Metrics.Transport metrics, Tracker tracker, String target, String address, int port) {
        this.maxMessage = maxMessage;
        this.metrics = metrics;
        this.tracker = tracker;
        this.target = target;
        this.address = address;
        this.port = port;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        metrics.opened();
        tracker.opened(session);
        callback.succeeded();
        session.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        switch (frame.getOpCode()) {
            case OpCode.TEXT, OpCode.BINARY, OpCode.CONTINUATION -> data(frame, callback);
            case OpCode.PING ->
                session.sendFrame(
                        new Frame(OpCode.PONG, frame.getPayload()), Callback.from(callback, session::demand), false);
            case OpCode.CLOSE -> callback.succeeded(); // the session answers the close itself
            default -> { // PONG
                callback.succeeded();
                session.demand();
            }
        }
    }

    private void data(Frame frame, Callback callback) {
        int length = frame.getPayloadLength();
        if (refused) { // past a refused message: read on, to the client's close
            callback.succeeded();
            session.demand();
            return;
        }
        if (gathered == null && frame.isFin()) {
            if (length > maxMessage) {
                refuse(callback);
                return;
            }
            // the payload is the connection's buffer, valid until callback completes: sent as it is
            session.sendFrame(
                    new Frame(frame.getOpCode(), true, frame.getPayload()), afterEcho(callback, length), false);
            return;
        }
        if (gathered == null) {
            gathered = new ByteArrayOutputStream();
            gatheredOpCode = frame.getOpCode();
        }
        if (gathered.size() + (long) length > maxMessage) {
            gathered = null;
            refuse(callback);
            return;
        }
        if (frame.hasPayload()) {
            ByteBuffer payload = frame.getPayload();
            byte[] piece = new byte[payload.remaining()];
            payload.get(piece);
            gathered.writeBytes(piece);
        }
        if (!frame.isFin()) {
            callback.succeeded();
            session.demand();
            return;
        }
        byte[] message = gathered.toByteArray();
        gathered = null;
        callback.succeeded(); // its bytes are copied: the connection may reuse its buffer
        session.sendFrame(
                new Frame(gatheredOpCode, true, ByteBuffer.wrap(message)),
                afterEcho(Callback.NOOP, message.length),
                false);
    }

    private void refuse(Callback callback) {
        refused = true;
        callback.succeeded();
        session.close(CloseStatus.MESSAGE_TOO_LARGE, "message larger than " + maxMessage + " bytes", Callback.NOOP);
        session.demand();
    }

    /** Once an echo is sent: its message counts, the frame received is done with, and the next may come. */
    private Callback afterEcho(Callback received, long length) {
        return Callback.from(
                () -> {
                    messages++;
                    bytes += length;
                    metrics.message(length);
                    received.succeeded();
                    session.demand();
                },
                received::failed);
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        callback.succeeded(); // the session closes; onClosed says how
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        metrics.closed();
        tracker.closed(
                session,
                new Summary(target, address, port, closeStatus.getCode(), messages, bytes, System.nanoTime() - opened));
        callback.succeeded();
    }
}
