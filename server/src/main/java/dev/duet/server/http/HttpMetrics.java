package dev.duet.server.http;

import dev.duet.server.grpc.GrpcCall;
import dev.duet.server.metrics.Metrics;
import java.util.EventListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;

/**
 * Counts the HTTP echo into {@link Metrics}: each request as Jetty completes it (HTTP version,
 * method, status, time, body bytes as sent), and each TCP connection as it opens and closes. Jetty calls
 * both on its I/O thread, so they only add to counters looked up beforehand.
 *
 * <p>One TCP connection may carry several of Jetty's connections: TLS wraps the HTTP one, and an
 * upgrade (h2c, WebSocket) replaces it. So a connection counts when its socket first gets one, and
 * ends when the socket is closed, not when an upgrade swaps what runs on it.
 */
final class HttpMetrics implements RequestLog, Connection.Listener, EventListener {
    private final Metrics.Transport sockets;
    private final Metrics.Requests http1;
    private final Metrics.Requests http2;
    private final Metrics.Requests grpc;
    private final Set<EndPoint> open = ConcurrentHashMap.newKeySet();

    HttpMetrics(Metrics metrics) {
        this.sockets = metrics.transport(Metrics.HTTP);
        this.http1 = metrics.requests(Metrics.HTTP);
        this.http2 = metrics.requests(Metrics.H2);
        this.grpc = metrics.requests(Metrics.GRPC);
    }

    @Override
    public void log(Request request, Response response) {
        GrpcCall call = GrpcCall.of(request);
        Metrics.Requests requests = call != null
                ? grpc
                : request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2 ? http2 : http1;
        requests.record(
                request.getMethod(),
                call != null ? call.status() : response.getStatus(),
                NanoTime.since(request.getBeginNanoTime()),
                Request.getContentBytesRead(request),
                bodyBytesSent(request, response));
    }

    /**
     * The answer's body bytes that crossed the wire: none for HEAD, whose body Jetty counts as
     * written though it sends only the headers.
     */
    static long bodyBytesSent(Request request, Response response) {
        return HttpMethod.HEAD.is(request.getMethod()) ? 0 : Response.getContentBytesWritten(response);
    }

    @Override
    public void onOpened(Connection connection) {
        EndPoint socket = connection.getEndPoint();
        // an h2c upgrade may be announced open after its socket closed (see H2cConnectionFactory)
        if (socket instanceof SocketChannelEndPoint && socket.isOpen() && open.add(socket)) {
            sockets.opened();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        EndPoint socket = connection.getEndPoint();
        if (socket instanceof SocketChannelEndPoint && !socket.isOpen() && open.remove(socket)) {
            sockets.closed();
        }
    }
}
