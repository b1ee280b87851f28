package dev.duet.server.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.Graceful;

/**
 * During the drain after SIGTERM, closes the kept-alive connections that have no request in
 * flight, every 50 ms until the server stops: those that were idle when the signal came, and those
 * whose last request finishes meanwhile. Connections with a request in flight keep the whole
 * shutdown timeout (the connector's shutdown idle timeout is set to it, so a body still arriving
 * is not cut off); idle ones would otherwise hold the stop for as long.
 */
final class IdleConnectionsClose implements Graceful {
    private static final long SWEEP_MILLIS = 50;

    private final Server server;
    private volatile boolean shutdown;

    IdleConnectionsClose(Server server) {
        this.server = server;
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        shutdown = true;
        sweep();
        return CompletableFuture.completedFuture(null);
    }

    private void sweep() {
        if (server.isStopped() || server.isFailed()) {
            return;
        }
        for (Connector connector : server.getConnectors()) {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                Connection connection = endPoint.getConnection();
                if (connection instanceof SslConnection tls) {
                    connection = tls.getSslEndPoint().getConnection();
                }
                // HTTP/2 connections are Jetty's to drain (GOAWAY), WebSockets WebSocketUpgrades'
                if (connection instanceof HttpConnection http
                        && http.getHttpChannel().getRequest() == null) {
                    endPoint.close();
                }
            }
        }
        try {
            server.getScheduler().schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // the server stopped between the check above and now: nothing left to sweep
        }
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }
}
