package dev.duet.server.admin;

import dev.duet.server.http.DefaultControls;
import dev.duet.server.logging.JsonLine;
import dev.duet.server.metrics.Activity;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live request inspector: one page and its script and style, served from the jar (no CDN, no
 * build step), under a strict Content-Security-Policy; {@code GET /events}, the Server-Sent
 * Events that feed it (to a client that asks for them: 406 and what to send otherwise); and {@code
 * GET /requests/ID}, one request in detail, with the headers and body the access log keeps of it,
 * redacted as the log shows them. Each watching page has a thread of its own that writes to it, so a
 * slow or stuck browser holds up only itself; there are at most {@value #MAX_WATCHERS} at once.
 */
final class InspectorRoutes {
    static final int MAX_WATCHERS = 16;
    /** Nothing but this origin's own script, style and event stream; no inline code, no framing. */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final long RATES_EVERY_MILLIS = 1000;
    private static final String EVENT_STREAM = "text/event-stream";

    private final Inspector inspector;
    private final int history;
    private final DefaultControls controls;
    private final String page;
    private final AtomicInteger watching = new AtomicInteger();

    /**
     * One request as {@code /requests/ID} shows it.
     *
     * @param headers as the log keeps them, redacted; null when it keeps none ({@code --log-headers})
     * @param body    as the log keeps it; null when it keeps none ({@code --log-body}) or there was none
     */
    record RequestDetail(
            long id,
            String time,
            String caller,
            String method,
            String target,
            int status,
            double durationMs,
            long bytes,
            List<List<String>> headers,
            Activity.Body body) {}

    /** @param controls the echo's default controls, shown as they change; null for an echo without them */
    InspectorRoutes(Inspector inspector, int history, DefaultControls controls) {
        this.inspector = inspector;
        this.history = history;
        this.controls = controls;
        this.page = resource("inspector.html").replace("@HISTORY@", Integer.toString(history));
    }

    void addTo(RoutesConfig routes) {
        routes.get("/", ctx -> serve(ctx, "text/html; charset=utf-8", page));
        String script = resource("inspector.js");
        routes.get("/inspector.js", ctx -> serve(ctx, "text/javascript; charset=utf-8", script));
        String style = resource("inspector.css");
        routes.get("/inspector.css", ctx -> serve(ctx, "text/css; charset=utf-8", style));
        routes.get("/requests/{id}", this::detail);
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

    private void detail(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ProbeRoutes.text(ctx, 404, "no such request: the inspector numbers them 1, 2, 3 ...");
            return;
        }
        Optional<Activity.Request> found = inspector.request(id);
        if (found.isEmpty()) {
            ProbeRoutes.text(ctx, 404, "request " + id + " is not kept: the inspector keeps the last " + history);
            return;
        }
        Activity.Request r = found.get();
        ctx.header("Cache-Control", "no-store")
                .json(new RequestDetail(
                        id,
                        Instant.ofEpochMilli(r.epochMillis()).toString(),
                        r.caller(),
                        r.method(),
                        r.target(),
                        r.status(),
                        Math.round(r.micros() / 100.0) / 10.0,
                        r.bytes(),
                        r.detail() == null ? null : r.detail().headers(),
                        r.detail() == null ? null : r.detail().body()));
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
            String controlsShown = null;
            while (!client.terminated()) {
                long now = System.currentTimeMillis();
                if (now >= nextRates) {
                    client.sendEvent(
                            "rates",
                            "{\"perSecond\":" + inspector.rates(now) + ",\"dropped\":" + watcher.dropped() + "}");
                    nextRates = now + RATES_EVERY_MILLIS;
                    // the default controls in force, when they first show and whenever they change
                    if (controls != null && !controls.text().equals(controlsShown)) {
                        controlsShown = controls.text();
                        StringBuilder json = new StringBuilder();
                        new JsonLine(json)
                                .string("defaults", controlsShown)
                                .number("seed", controls.seed())
                                .end();
                        client.sendEvent("controls", json.toString().trim());
                    }
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
