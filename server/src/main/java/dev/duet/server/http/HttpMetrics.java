package dev.duet.server.http;

import dev.duet.server.metrics.Metrics;
import java.util.EventListener;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;

/**
 * Counts the HTTP echo into {@link Metrics}: each request as Jetty completes it (method, status,
 * time, body bytes), and each connection as it opens and closes. Jetty calls both on its I/O
 * thread, so they only add to counters looked up beforehand.
 */
final class HttpMetrics implements RequestLog, Connection.Listener, EventListener {
    private final Metrics metrics;
    private final Metrics.Transport http;

    HttpMetrics(Metrics metrics) {
        this.metrics = metrics;
        this.http = metrics.transport(Metrics.HTTP);
    }

    @Override
    public void log(Request request, Response response) {
        metrics.request(
                request.getMethod(),
                response.getStatus(),
                NanoTime.since(request.getBeginNanoTime()),
                Request.getContentBytesRead(request),
                Response.getContentBytesWritten(response),
                http);
    }

    @Override
    public void onOpened(Connection connection) {
        http.opened();
    }

    @Override
    public void onClosed(Connection connection) {
        http.closed();
    }
}
