package dev.duet.server;

import dev.duet.server.logging.LogFormat;
import dev.duet.server.metrics.Activity;
import dev.duet.server.metrics.Metrics;

/**
 * What an echo server reports to, whatever its transport: who it is, the metrics it counts, the
 * activity the inspector shows, and how its log lines look. With the control plane off, metrics
 * and activity are the no-op ones, and the echo pays nothing for them.
 */
public record Instance(ServerIdentity identity, Metrics metrics, Activity activity, LogFormat logFormat) {

    /** An instance named after this host, counting nothing, logging text: for tests and embedders. */
    public static Instance plain() {
        return new Instance(ServerIdentity.ofThisHost(), Metrics.OFF, Activity.NONE, LogFormat.TEXT);
    }
}
