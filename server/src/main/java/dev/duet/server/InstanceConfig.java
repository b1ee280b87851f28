package dev.duet.server;

import static dev.duet.server.ServerOptions.ADMIN_HOST;
import static dev.duet.server.ServerOptions.ADMIN_PORT;
import static dev.duet.server.ServerOptions.ADMIN_TOKEN;
import static dev.duet.server.ServerOptions.DRAIN_DELAY;
import static dev.duet.server.ServerOptions.HOST;
import static dev.duet.server.ServerOptions.INSPECT_HISTORY;
import static dev.duet.server.ServerOptions.LOG_FORMAT;
import static dev.duet.server.ServerOptions.NAME;
import static dev.duet.server.ServerOptions.STREAM_ADMIN_PORT;

import dev.duet.common.Arguments;
import dev.duet.server.admin.AdminConfig;
import dev.duet.server.admin.AdminToken;
import dev.duet.server.logging.LogFormat;
import java.time.Duration;
import java.util.Optional;

/**
 * What every transport shares: the instance's name, its control plane (if any), how long it keeps
 * serving after SIGTERM, and how it logs.
 *
 * @param name      empty for the hostname, looked up at start
 * @param adminPort  empty when the control plane is off
 * @param adminToken what a request that changes something on the control plane must carry
 */
public record InstanceConfig(
        Optional<String> name,
        Optional<Integer> adminPort,
        String adminHost,
        AdminToken adminToken,
        int inspectHistory,
        Duration drainDelay,
        LogFormat logFormat) {

    public static InstanceConfig from(Arguments a) {
        return new InstanceConfig(
                a.get(NAME),
                a.find(ADMIN_PORT).orElseGet(() -> a.get(STREAM_ADMIN_PORT)),
                a.get(ADMIN_HOST).orElse(a.find(HOST).orElse("0.0.0.0")),
                AdminToken.of(a.get(ADMIN_TOKEN)),
                a.get(INSPECT_HISTORY),
                a.get(DRAIN_DELAY),
                a.get(LOG_FORMAT));
    }

    /** The control plane's configuration; empty when it is off. */
    public Optional<AdminConfig> admin() {
        return adminPort.map(port -> new AdminConfig(adminHost, port, inspectHistory, adminToken));
    }
}
