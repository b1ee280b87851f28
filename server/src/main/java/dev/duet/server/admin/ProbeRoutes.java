package dev.duet.server.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Liveness and readiness, as platforms probe them: {@code GET /healthz} is 200 while the process
 * can serve; {@code GET /readyz} is 200 while it should get traffic and 503 (with the reason) from
 * SIGTERM on or while disabled by hand with {@code POST /readyz/disable}. The POSTs answer 200 and
 * the state they leave: they did what was asked, whatever /readyz now says.
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
            changed(ctx, 200);
        });
        // after SIGTERM nothing makes it ready again: 409, so curl -f fails where it did not work
        routes.post("/readyz/enable", ctx -> changed(ctx, readiness.enable() ? 200 : 409));
    }

    /** The answer to a change: whether it was done, and the state it left, as /readyz would say it. */
    private void changed(Context ctx, int status) {
        text(
                ctx,
                status,
                readiness.notReadyBecause().map(why -> "not ready: " + why).orElse("ready"));
    }

    private void readyz(Context ctx) {
        readiness.notReadyBecause().ifPresentOrElse(why -> text(ctx, 503, why), () -> text(ctx, 200, "ready"));
    }

    static void text(Context ctx, int status, String body) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(body + "\n");
    }
}
