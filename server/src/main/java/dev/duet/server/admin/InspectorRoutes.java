package dev.duet.server.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live request inspector: one page and its script and style, served from the jar (no CDN, no
 * build step), under a strict Content-Security-Policy; and {@code GET /events}, the Server-Sent
 * Events that feed it (to a client that asks for them: 406 and what to send otherwise). Each watching page has a thread of its own that writes to it, so a slow or
 * stuck browser holds up only itself; there are at most {@value #MAX_WATCHERS} at once.
 */
final class InspectorRoutes {
    static final int MAX_WATCHERS = 16;
    /** Nothing but this origin's own script, style and event stream; no inline code, no framing. */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final long RATES_EVERY_MILLIS = 1000;
    private static final String EVENT_STREAM = "text/event-stream";

    private final Inspector inspector;
    private final String page;
    private final AtomicInteger watching = new AtomicInteger();

    InspectorRoutes(Inspector inspector, int history) {
        this.inspector = inspector;
        this.page = resource("inspector.html").replace("@HISTORY@", Integer.toString(history));
    }

    void addTo(RoutesConfig routes) {
        routes.get("/", ctx -> serve(ctx, "text/html; charset=utf-8", page));
        String script = resource("inspector.js");
        routes.get("/inspector.js", ctx -> serve(ctx, "text/javascript; charset=utf-8", script));
        String style = resource("inspector.css");
        routes.get("/inspector.css", ctx -> serve(ctx, "text/css; charset=utf-8", style));
        SseHandler events = new SseHandler(this::watch);
        routes.get("/events", ctx -> {
            String accept = ctx.header("Accept");
            if (accept != null && accept.contains(EVENT_STREAM)) {
                events.handle(ctx);
            } else {
                // a stream nobody asked for would hold one of the few watcher slots until the
                // client left; a link checker or a bare curl gets told what to send instead
                ProbeRoutes.text(
                        ctx,
                        406,
                        "/events is a Server-Sent Events stream: ask with \"Accept: " + EVENT_STREAM + "\""
                                + " (curl -N -H 'Accept: " + EVENT_STREAM + "' URL), or open / in a browser");
            }
        });
    }

    private static void serve(Context ctx, String type, String body) {
        ctx.header("Content-Security-Policy", POLICY)
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .contentType(type)
                .result(body);
    }

    private void watch(SseClient client) {
        client.keepAlive();
        if (watching.incrementAndGet() > MAX_WATCHERS) {
            watching.decrementAndGet();
            client.sendEvent("full", "{}");
            client.close();
            return;
        }
        Inspector.Watcher watcher = inspector.watch();
        Thread sender = new Thread(() -> send(client, watcher), "duet-inspector-" + watching.get());
        sender.setDaemon(true);
        sender.start();
    }

    /** Writes a page's events as they come, and the per-second counts every second, until it leaves. */
    private void send(SseClient client, Inspector.Watcher watcher) {
        try {
            long nextRates = 0;
            while (!client.terminated()) {
                long now = System.currentTimeMillis();
                if (now >= nextRates) {
                    client.sendEvent(
                            "rates",
                            "{\"perSecond\":" + inspector.rates(now) + ",\"dropped\":" + watcher.dropped() + "}");
                    nextRates = now + RATES_EVERY_MILLIS;
                }
                Inspector.Event event = watcher.next(Math.max(1, nextRates - System.currentTimeMillis()));
                if (event != null) {
                    client.sendEvent(event.type(), event.json());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inspector.unwatch(watcher);
            watching.decrementAndGet();
            client.close();
        }
    }

    private static String resource(String name) {
        try (InputStream in = InspectorRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
