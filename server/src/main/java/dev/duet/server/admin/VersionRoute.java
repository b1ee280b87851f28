package dev.duet.server.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.duet.common.Version;
import dev.duet.server.ServerIdentity;
import dev.duet.server.http.DefaultControls;
import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /version}: which instance this is, what it runs, since when, and where it listens —
 * so when several replicas answer, a user sees which one did.
 */
final class VersionRoute {
    /**
     * @param listening each port: its plane (echo, admin), transport and address
     * @param controls  the default controls in force and the seed; absent for tcp and unix
     */
    record Info(
            String name,
            String version,
            String java,
            String hostname,
            String started,
            long uptimeSeconds,
            List<Listening> listening,
            @JsonInclude(JsonInclude.Include.NON_NULL) ControlsRoutes.InForce controls) {}

    private final ServerIdentity identity;
    private final Instant started;
    private final Supplier<List<Listening>> listening;
    private final DefaultControls controls;

    /**
     * @param listening asked at each request: the control plane's own port is known only once it listens
     * @param controls  the echo's default controls, or null for a transport without them
     */
    VersionRoute(
            ServerIdentity identity, Instant started, Supplier<List<Listening>> listening, DefaultControls controls) {
        this.identity = identity;
        this.started = started;
        this.listening = listening;
        this.controls = controls;
    }

    void addTo(RoutesConfig routes) {
        routes.get(
                "/version",
                ctx -> ctx.json(new Info(
                        identity.name(),
                        Version.current(),
                        System.getProperty("java.version"),
                        identity.hostname(),
                        started.toString(),
                        Duration.between(started, Instant.now()).toSeconds(),
                        listening.get(),
                        ControlsRoutes.InForce.of(controls))));
    }
}
