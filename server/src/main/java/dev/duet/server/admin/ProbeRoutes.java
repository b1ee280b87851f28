package dev.duet.server.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Liveness and readiness, as platforms probe them: {@code GET /healthz} is 200 while the process
 * can serve; {@code GET /readyz} is 200 while it should get traffic and 503 (with the reason) from
 * SIGTERM on or while disabled by hand with {@code POST /readyz/disable}.
 */
final class ProbeRoutes {
    private final Readiness readiness;

    ProbeRoutes(Readiness readiness) {
        this.readiness = readiness;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/healthz", ctx -> text(ctx, 200, "ok"));
        routes.get("/readyz", this::readyz);
        routes.post("/readyz/disable", ctx -> {
            readiness.disable();
            readyz(ctx);
        });
        routes.post("/readyz/enable", ctx -> {
            readiness.enable();
            readyz(ctx);
        });
    }

    private void readyz(Context ctx) {
        readiness.notReadyBecause().ifPresentOrElse(why -> text(ctx, 503, why), () -> text(ctx, 200, "ready"));
    }

    static void text(Context ctx, int status, String body) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(body + "\n");
    }
}
