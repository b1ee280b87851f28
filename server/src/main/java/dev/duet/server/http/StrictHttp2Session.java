package dev.duet.server.http;

import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.CloseState;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.FlowControlStrategy;
import org.eclipse.jetty.http2.HTTP2Stream;
import org.eclipse.jetty.http2.SessionContainer;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.api.server.ServerSessionListener;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.http2.generator.Generator;
import org.eclipse.jetty.http2.parser.ServerParser;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.http2.server.internal.HTTP2ServerConnection;
import org.eclipse.jetty.http2.server.internal.HTTP2ServerSession;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Jetty's HTTP/2 server session, held to RFC 9113 where Jetty 12.1.12 is lenient:
 *
 * <ul>
 *   <li>a malformed request (§8.1.1, §8.2, §8.3: an upper-case or connection-specific header, a
 *       pseudo-header missing, repeated or unknown, an empty {@code :path}) is reset with
 *       PROTOCOL_ERROR and not answered; Jetty answered it 400, and let Keep-Alive,
 *       Proxy-Connection, Transfer-Encoding and Upgrade through;
 *   <li>DATA on a stream the client has closed (END_STREAM, or its own RST_STREAM) is reset with
 *       STREAM_CLOSED (§5.1, §6.1); Jetty ignored it once the stream was gone. DATA on a stream this
 *       server ended early is still ignored, as §5.1 asks of frames that were in flight;
 *   <li>a request on a stream id lower than the newest is a connection error of type
 *       PROTOCOL_ERROR (§5.1.1); Jetty said STREAM_CLOSED, which stays for the newest id reused.
 * </ul>
 *
 * Everything else is Jetty's: this overrides the session's frame callbacks and defers to them.
 */
final class StrictHttp2Session extends HTTP2ServerSession {
    /** A stream attribute: the client ended its side (RST_STREAM, or END_STREAM on a request refused). */
    private static final String CLIENT_ENDED = "duet.clientEnded";

    /**
     * The newest streams this server ended while the client could still send on them, as a ring:
     * their late DATA is expected and ignored. A stream forgotten gets STREAM_CLOSED instead, which
     * tells the client nothing it does not know.
     */
    private final int[] endedEarly = new int[16];

    private int endedEarlyNext;
    private int endedEarlySize;

    private StrictHttp2Session(
            Scheduler scheduler,
            EndPoint endPoint,
            ServerParser parser,
            Generator generator,
            ServerSessionListener listener,
            FlowControlStrategy flowControl) {
        super(scheduler, endPoint, parser, generator, listener, flowControl);
    }

    /**
     * The connection {@code factory} would make, with this session: Jetty 12.1.12's own
     * {@code AbstractHTTP2ServerConnectionFactory.newConnection}, which names its session class
     * inline. The caller still {@code configure}s it, as Jetty's does.
     */
    static HTTP2ServerConnection newConnection(
            AbstractHTTP2ServerConnectionFactory factory,
            ServerSessionListener listener,
            Connector connector,
            EndPoint endPoint) {
        HttpConfiguration http = factory.getHttpConfiguration();
        Generator generator = new Generator(
                connector.getByteBufferPool(),
                factory.isUseOutputDirectByteBuffers(),
                factory.getMaxHeaderBlockFragment());
        int maxResponseHeaderSize = http.getMaxResponseHeaderSize();
        generator
                .getHpackEncoder()
                .setMaxHeaderListSize(maxResponseHeaderSize < 0 ? http.getResponseHeaderSize() : maxResponseHeaderSize);
        ServerParser parser = new ServerParser(
                connector.getByteBufferPool(),
                http.getRequestHeaderSize(),
                factory.getRateControlFactory().newRateControl(endPoint));
        parser.setMaxSettingsKeys(factory.getMaxSettingsKeys());
        StrictHttp2Session session = new StrictHttp2Session(
                connector.getScheduler(),
                endPoint,
                parser,
                generator,
                listener,
                factory.getFlowControlStrategyFactory().newFlowControlStrategy());
        session.setMaxLocalStreams(factory.getMaxConcurrentStreams());
        session.setMaxRemoteStreams(factory.getMaxConcurrentStreams());
        session.setMaxEncoderTableCapacity(factory.getMaxEncoderTableCapacity());
        long streamIdleTimeout = factory.getStreamIdleTimeout();
        session.setStreamIdleTimeout(streamIdleTimeout == 0 ? endPoint.getIdleTimeout() : streamIdleTimeout);
        session.setInitialSessionRecvWindow(factory.getInitialSessionRecvWindow());
        session.setWriteThreshold(http.getOutputBufferSize());
        session.setConnectProtocolEnabled(factory.isConnectProtocolEnabled());
        HTTP2ServerConnection connection = new HTTP2ServerConnection(connector, endPoint, http, session, listener);
        connection.setUseInputDirectByteBuffers(factory.isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(factory.isUseOutputDirectByteBuffers());
        connection.addEventListener(factory.getBean(SessionContainer.class));
        factory.getEventListeners().forEach(session::addEventListener);
        parser.init(connection);
        return connection;
    }

    @Override
    public void onHeaders(HeadersFrame frame) {
        int id = frame.getStreamId();
        MetaData metaData = frame.getMetaData();
        if (metaData.isRequest() && isClientStream(id) && getStream(id) == null) {
            if (id < getLastRemoteStreamId()) {
                onConnectionFailure(ErrorCode.PROTOCOL_ERROR.code, "stream_id_not_increasing");
                return;
            }
            if ((MetaData.Failed.getFailure(metaData) != null || hasConnectionHeader(metaData))
                    && !isRemoteStreamClosed(id)) {
                refuseMalformed(frame);
                return;
            }
        }
        super.onHeaders(frame);
    }

    /**
     * Jetty refuses Connection and a TE other than trailers; §8.2.2 names these too. The request an
     * "Upgrade: h2c" carries over from HTTP/1.1 rightly has them.
     */
    private static boolean hasConnectionHeader(MetaData request) {
        if (request.getHttpVersion() != HttpVersion.HTTP_2) {
            return false;
        }
        for (HttpField field : request.getHttpFields()) {
            HttpHeader header = field.getHeader();
            if (header == HttpHeader.KEEP_ALIVE
                    || header == HttpHeader.PROXY_CONNECTION
                    || header == HttpHeader.TRANSFER_ENCODING
                    || header == HttpHeader.UPGRADE) {
                return true;
            }
        }
        return false;
    }

    /** The stream is opened, so it counts and its id is used, and reset at once, unanswered. */
    private void refuseMalformed(HeadersFrame frame) {
        HTTP2Stream stream = createRemoteStream(frame.getStreamId(), (MetaData.Request) frame.getMetaData());
        if (stream == null) {
            return; // refused already: too many streams
        }
        onStreamOpened(stream);
        if (frame.isEndStream()) {
            stream.setAttribute(CLIENT_ENDED, Boolean.TRUE);
        }
        stream.updateClose(frame.isEndStream(), CloseState.Event.RECEIVED);
        stream.reset(new ResetFrame(stream.getId(), ErrorCode.PROTOCOL_ERROR.code), Callback.NOOP);
    }

    @Override
    public void onData(Stream.Data data) {
        int id = data.frame().getStreamId();
        boolean closed = isClientStream(id) && getStream(id) == null && isRemoteStreamClosed(id);
        super.onData(data); // flow control and rate control as Jetty keeps them; it drops the frame
        if (closed && !isClosed() && !wasEndedEarly(id)) {
            frames(null, List.of(new ResetFrame(id, ErrorCode.STREAM_CLOSED_ERROR.code)), Callback.NOOP);
        }
    }

    @Override
    public void onReset(ResetFrame frame) {
        HTTP2Stream stream = getStream(frame.getStreamId());
        if (stream != null) {
            stream.setAttribute(CLIENT_ENDED, Boolean.TRUE);
        }
        super.onReset(frame);
    }

    @Override
    protected HTTP2Stream createRemoteStream(int streamId, MetaData.Request request) {
        HTTP2Stream stream = super.createRemoteStream(streamId, request);
        if (stream == null) {
            endedEarly(streamId); // refused with REFUSED_STREAM: its DATA may be on the way
        }
        return stream;
    }

    @Override
    public boolean removeStream(Stream stream) {
        boolean removed = super.removeStream(stream);
        if (removed
                && !stream.isLocal()
                && !((HTTP2Stream) stream).isLastDataReceived()
                && stream.getAttribute(CLIENT_ENDED) == null) {
            endedEarly(stream.getId());
        }
        return removed;
    }

    private synchronized void endedEarly(int streamId) {
        endedEarly[endedEarlyNext] = streamId;
        endedEarlyNext = (endedEarlyNext + 1) % endedEarly.length;
        endedEarlySize = Math.min(endedEarlySize + 1, endedEarly.length);
    }

    private synchronized boolean wasEndedEarly(int streamId) {
        for (int i = 0; i < endedEarlySize; i++) {
            if (endedEarly[i] == streamId) {
                return true;
            }
        }
        return false;
    }
}
