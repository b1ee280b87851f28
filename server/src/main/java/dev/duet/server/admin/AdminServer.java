package dev.duet.server.admin;

import dev.duet.server.ServerIdentity;
import dev.duet.server.http.DefaultControls;
import dev.duet.server.metrics.Metrics;
import io.javalin.Javalin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The control plane: a small Javalin app on a port of its own, for platforms and people — probes
 * ({@link ProbeRoutes}), {@code /metrics} ({@link MetricsRoute}), {@code /version} ({@link
 * VersionRoute}), the default response controls ({@link ControlsRoutes}) and the live request
 * inspector ({@link InspectorRoutes}); with an {@link
 * AdminToken}, what changes something needs it. The echo port never answers these: a GET /healthz
 * there still echoes /healthz.
 */
public final class AdminServer implements AutoCloseable {
    private final Javalin app;

    private AdminServer(Javalin app) {
        this.app = app;
    }

    /**
     * @param echo     where the echo listens, for /version: its transport and address
     * @param controls the HTTP echo's default controls, for /controls, /version and the inspector;
     *     null for an echo without them
     */
    public static AdminServer start(
            AdminConfig config,
            ServerIdentity identity,
            Readiness readiness,
            Metrics metrics,
            Inspector inspector,
            Listening echo,
            DefaultControls controls) {
        Instant started = Instant.now();
        AdminServer[] self = new AdminServer[1];
        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.startup.startupWatcherEnabled = false;
            javalin.jetty.host = config.host();
            javalin.jetty.port = config.port();
            // a few threads: probes, scrapes and a page or two; the inspector's pages hold none
            QueuedThreadPool threads = new QueuedThreadPool(16, 2);
            threads.setName("duet-admin");
            javalin.jetty.threadPool = threads;
            javalin.http.defaultContentType = "text/plain; charset=utf-8";
            javalin.routes.before(ctx -> ctx.header("X-Content-Type-Options", "nosniff"));
            config.token().addTo(javalin.routes);
            new ProbeRoutes(readiness).addTo(javalin.routes);
            new MetricsRoute(metrics).addTo(javalin.routes);
            new VersionRoute(
                            identity,
                            started,
                            () -> {
                                List<Listening> all = new ArrayList<>(List.of(echo));
                                all.add(new Listening("admin", "http", config.host() + ":" + self[0].port()));
                                return all;
                            },
                            controls)
                    .addTo(javalin.routes);
            if (controls != null) {
                new ControlsRoutes(controls).addTo(javalin.routes);
            }
            new InspectorRoutes(inspector, config.history(), controls).addTo(javalin.routes);
        });
        self[0] = new AdminServer(app);
        app.start();
        return self[0];
    }

    /** The port actually bound: the configured one, or the one picked for port 0. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
