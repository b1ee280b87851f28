package dev.duet.server.http;

import dev.duet.server.metrics.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.exception.WebSocketException;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;

/**
 * Turns a WebSocket upgrade on any path into a {@link WebSocketEcho} (RFC 6455 over HTTP/1.1,
 * RFC 8441 over HTTP/2); every other request goes on to the echo. Only a request that names an
 * upgrade (or is a CONNECT) is looked at, so a plain echo pays one header lookup. When the server
 * stops, every open socket is closed with 1001 (going away) and the stop waits for the closes.
 */
final class WebSocketUpgrades extends Handler.Wrapper implements Graceful, WebSocketEcho.Tracker {
    /**
     * Jetty's own check that text is UTF-8 (RFC 6455 §8.1), fragments and all: a text message that
     * is not closes the socket with 1007. An internal extension ("@"), never named to the client;
     * the echo itself passes frames through without decoding them.
     */
    private static final List<ExtensionConfig> VALIDATE_TEXT =
            List.of(ExtensionConfig.parse("@validation; incoming-utf8"));

    private final WebSocketMappings mappings;
    private final Configuration.ConfigurationCustomizer limits = new Configuration.ConfigurationCustomizer();
    private final WebSocketNegotiator negotiator;
    private final AccessLog log;
    private final Set<CoreSession> open = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> allClosed = new CompletableFuture<>();
    private volatile boolean shutdown;

    /**
     * @param maxMessage  the largest message echoed; a larger one closes with 1009
     * @param idleTimeout a socket silent this long is closed
     * @param log         where each socket's summary goes when it closes, or null for nowhere
     */
    WebSocketUpgrades(
            Handler echo,
            WebSocketComponents components,
            long maxMessage,
            Duration idleTimeout,
            Metrics metrics,
            AccessLog log) {
        super(echo);
        this.mappings = new WebSocketMappings(components);
        this.log = log;
        // Jetty hands a frame past this on in pieces (auto-fragment), so WebSocketEcho sees every
        // message grow and refuses it, with a clean close, once it passes the limit.
        limits.setMaxFrameSize(Math.min(maxMessage, 64 * 1024));
        limits.setIdleTimeout(idleTimeout);
        Metrics.Transport sockets = metrics.transport(Metrics.WS);
        negotiator = (request, response, callback) -> {
            response.addExtensions(VALIDATE_TEXT);
            return new WebSocketEcho(
                    maxMessage,
                    sockets,
                    this,
                    RequestTarget.of(request.getHttpURI()),
                    Request.getRemoteAddr(request),
                    Request.getRemotePort(request));
        };
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHeaders().contains(HttpHeader.UPGRADE) || HttpMethod.CONNECT.is(request.getMethod())) {
            try {
                if (mappings.upgrade(negotiator, request, response, callback, limits)) {
                    return true;
                }
            } catch (WebSocketException e) {
                Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    @Override
    public void opened(CoreSession session) {
        open.add(session);
        if (shutdown) {
            goAway(session);
        }
    }

    @Override
    public void closed(CoreSession session, WebSocketEcho.Summary summary) {
        open.remove(session);
        if (log != null) {
            log.webSocketClosed(summary);
        }
        if (shutdown && open.isEmpty()) {
            allClosed.complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        shutdown = true;
        open.forEach(WebSocketUpgrades::goAway);
        if (open.isEmpty()) {
            allClosed.complete(null);
        }
        return allClosed;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    private static void goAway(CoreSession session) {
        session.close(CloseStatus.SHUTDOWN, "server stopping", Callback.NOOP);
    }
}
