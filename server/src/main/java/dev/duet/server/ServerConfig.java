package dev.duet.server;

import dev.duet.common.UsageException;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.stream.StreamServerConfig;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;

/**
 * One run of duet-server: what every transport shares, and the echo's own configuration. The
 * control plane may not take the echo's port: that is a usage error, not a failed start.
 *
 * @param echo an {@link HttpServerConfig} or a {@link StreamServerConfig}
 */
public record ServerConfig(InstanceConfig instance, EchoConfig echo) {
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

    public ServerConfig {
        InetSocketAddress echoAddress = echo.tcpAddress().orElse(null);
        if (echoAddress != null
                && echoAddress.getPort() != 0
                && instance.adminPort().equals(Optional.of(echoAddress.getPort()))
                && clash(echoAddress.getHostString(), instance.adminHost())) {
            throw new UsageException("--admin-port " + echoAddress.getPort()
                    + " is the echo's --port too; give the control plane a port of its own (or off)");
        }
    }

    /** True for an address that means every interface ({@code 0.0.0.0}, {@code ::}). */
    static boolean isWildcard(String host) {
        return host.isEmpty() || WILDCARDS.contains(host);
    }

    /** Two listeners on one port clash when they share an address or either takes every one. */
    private static boolean clash(String one, String other) {
        return one.equals(other) || isWildcard(one) || isWildcard(other);
    }
}
