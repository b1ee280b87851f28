package dev.duet.server.admin;

import dev.duet.server.metrics.Metrics;
import io.javalin.config.RoutesConfig;
import java.io.ByteArrayOutputStream;

/** {@code GET /metrics}: the Prometheus text exposition of the echo's counters and the JVM's. */
final class MetricsRoute {
    private final Metrics metrics;

    MetricsRoute(Metrics metrics) {
        this.metrics = metrics;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/metrics", ctx -> {
            ByteArrayOutputStream text = new ByteArrayOutputStream(16 * 1024);
            metrics.writeTo(text);
            ctx.contentType(Metrics.contentType()).result(text.toByteArray());
        });
    }
}
