package dev.duet.server.admin;

import dev.duet.server.http.DefaultControls;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Chaos for the whole instance, from the control plane: {@code GET /controls} says which controls
 * shape the answers of requests that bring none, {@code PUT /controls} puts others in force (the
 * body as {@code --default-controls} takes it: {@code status=500:30,200:70;delay=100ms}), and {@code
 * DELETE /controls} ends them. Each answers with what is then in force; a PUT that does not parse
 * is a 400 saying why, and changes nothing. With {@code --admin-token}, PUT and DELETE need it.
 */
final class ControlsRoutes {
    /**
     * What {@code /controls} and {@code /version} show.
     *
     * @param defaults the default controls, written as PUT takes them; empty for none
     * @param seed     the seed weighted choices are drawn with: {@code --seed} makes another run draw the same
     */
    record InForce(String defaults, long seed) {
        /** Null for a transport without controls (tcp, unix): /version leaves it out. */
        static InForce of(DefaultControls controls) {
            return controls == null ? null : new InForce(controls.text(), controls.seed());
        }
    }

    private final DefaultControls controls;

    ControlsRoutes(DefaultControls controls) {
        this.controls = controls;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/controls", this::inForce);
        routes.put("/controls", ctx -> {
            try {
                controls.set(ctx.body());
            } catch (IllegalArgumentException e) {
                ProbeRoutes.text(ctx, 400, e.getMessage());
                return;
            }
            inForce(ctx);
        });
        routes.delete("/controls", ctx -> {
            controls.clear();
            inForce(ctx);
        });
    }

    private void inForce(Context ctx) {
        ctx.json(InForce.of(controls));
    }
}
