package dev.duet.server;

import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.stream.StreamServerConfig;

/**
 * One run of duet-server: what every transport shares, and the echo's own configuration.
 *
 * @param echo an {@link HttpServerConfig} or a {@link StreamServerConfig}
 */
public record ServerConfig(InstanceConfig instance, Object echo) {}
