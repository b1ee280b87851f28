package dev.duet.client.http;

import dev.duet.common.LogText;
import dev.duet.common.ValueType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Dns;

/**
 * curl's {@code --resolve HOST:PORT:ADDR} and {@code --connect-to HOST:PORT:HOST2:PORT2}: where a
 * connection for a host and port really goes, to test an ingress or a proxy by name before its
 * DNS exists. Only the connection moves: the Host header, the TLS server name (SNI) and the
 * certificate check stay the URL's. As curl: --connect-to first (an empty HOST or PORT matches any,
 * an empty HOST2 or PORT2 keeps the one asked for), then --resolve for the host and port to connect
 * to, with no DNS lookup; else the system's DNS.
 *
 * <p>OkHttp asks its {@link Dns} for a host's addresses without the port, so for a host these name
 * it gets a stand-in address that carries the name, and the socket ({@link CountingSockets})
 * asks {@link #target} where that host and port really go when it connects.
 */
public final class Routes {
    public static final Routes NONE = new Routes(List.of(), List.of());

    /** A multicast address, which the kernel never connects TCP to: a connection that somehow skipped {@link #target} fails. */
    private static final byte[] STAND_IN = {(byte) 224, 0, 0, 0};

    /** A host name, or an IPv6 address in brackets; and an optional port. */
    private static final String HOST = "(\\[[^\\]]*\\]|[^:\\[\\]]*)";

    private static final Pattern RESOLVE = Pattern.compile(HOST + ":(\\d+):(.+)");
    private static final Pattern CONNECT_TO = Pattern.compile(HOST + ":(\\d*):" + HOST + ":(\\d*)");

    private final List<Resolve> resolves;
    private final List<ConnectTo> connectTos;
    /** The stand-in addresses handed out, each for the host it stands for. */
    private final Map<InetAddress, String> standIns = Collections.synchronizedMap(new IdentityHashMap<>());

    public Routes(List<Resolve> resolves, List<ConnectTo> connectTos) {
        this.resolves = List.copyOf(resolves);
        this.connectTos = List.copyOf(connectTos);
    }

    /** {@code --resolve HOST:PORT:ADDR}: connect to ADDR for HOST on PORT, with no DNS lookup. */
    public record Resolve(String host, int port, InetAddress address) {
        public static final ValueType<Resolve> TYPE =
                ValueType.of("HOST:PORT:ADDR", Resolve::parse, Resolve::toString, "echo.example:443:127.0.0.1");

        static Resolve parse(String text) {
            Matcher m = RESOLVE.matcher(text);
            if (!m.matches() || m.group(1).isEmpty()) {
                throw new IllegalArgumentException(
                        "expected HOST:PORT:ADDR, as echo.example:443:127.0.0.1, got " + LogText.quote(text));
            }
            return new Resolve(unbracket(m.group(1)), portIn(m.group(2), text), literal(m.group(3), text));
        }

        @Override
        public String toString() {
            return bracket(host) + ":" + port + ":" + bracket(address.getHostAddress());
        }
    }

    /**
     * {@code --connect-to HOST:PORT:HOST2:PORT2}: for HOST on PORT, connect to HOST2 on PORT2.
     *
     * @param host   empty for any host
     * @param port   0 for any port
     * @param toHost empty for the same host
     * @param toPort 0 for the same port
     */
    public record ConnectTo(String host, int port, String toHost, int toPort) {
        public static final ValueType<ConnectTo> TYPE = ValueType.of(
                "HOST:PORT:HOST2:PORT2", ConnectTo::parse, ConnectTo::toString, "echo.example:443:127.0.0.1:8443");

        static ConnectTo parse(String text) {
            Matcher m = CONNECT_TO.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "expected HOST:PORT:HOST2:PORT2, as echo.example:443:127.0.0.1:8443, got "
                                + LogText.quote(text));
            }
            return new ConnectTo(
                    unbracket(m.group(1)),
                    m.group(2).isEmpty() ? 0 : portIn(m.group(2), text),
                    unbracket(m.group(3)),
                    m.group(4).isEmpty() ? 0 : portIn(m.group(4), text));
        }

        boolean matches(String requestedHost, int requestedPort) {
            return (host.isEmpty() || host.equalsIgnoreCase(requestedHost)) && (port == 0 || port == requestedPort);
        }

        @Override
        public String toString() {
            return bracket(host) + ":" + (port == 0 ? "" : port) + ":" + bracket(toHost) + ":"
                    + (toPort == 0 ? "" : toPort);
        }
    }

    /** Equal when they route alike: the same entries, whatever stand-ins each has handed out. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Routes routes
                && resolves.equals(routes.resolves)
                && connectTos.equals(routes.connectTos);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resolves, connectTos);
    }

    @Override
    public String toString() {
        return "Routes[resolves=" + resolves + ", connectTos=" + connectTos + "]";
    }

    public boolean isEmpty() {
        return resolves.isEmpty() && connectTos.isEmpty();
    }

    /** {@code system}, except for the hosts these name: a stand-in that carries the name to the socket. */
    Dns dns(Dns system) {
        if (isEmpty()) {
            return system;
        }
        return host -> {
            if (!names(host)) {
                return system.lookup(host);
            }
            InetAddress standIn = InetAddress.getByAddress(host, STAND_IN);
            standIns.put(standIn, host);
            return List.of(standIn);
        };
    }

    private boolean names(String host) {
        return resolves.stream().anyMatch(r -> r.host().equalsIgnoreCase(host))
                || connectTos.stream()
                        .anyMatch(c -> c.host().isEmpty() || c.host().equalsIgnoreCase(host));
    }

    /**
     * Where a connection to {@code endpoint} really goes: itself, unless its address is a stand-in;
     * then --connect-to, --resolve and DNS decide, for the host it stands for and the port asked.
     * Of several addresses, the first.
     */
    InetSocketAddress target(InetSocketAddress endpoint) throws UnknownHostException {
        String host = endpoint.getAddress() == null ? null : standIns.get(endpoint.getAddress());
        if (host == null) {
            return endpoint;
        }
        String toHost = host;
        int toPort = endpoint.getPort();
        Optional<ConnectTo> moved = connectTos.stream()
                .filter(c -> c.matches(host, endpoint.getPort()))
                .findFirst();
        if (moved.isPresent()) {
            toHost = moved.get().toHost().isEmpty() ? host : moved.get().toHost();
            toPort =
                    moved.get().toPort() == 0 ? endpoint.getPort() : moved.get().toPort();
        }
        String resolving = toHost;
        int port = toPort;
        InetAddress address = resolves.stream()
                .filter(r -> r.host().equalsIgnoreCase(resolving) && r.port() == port)
                .map(Resolve::address)
                .findFirst()
                .orElse(null);
        return new InetSocketAddress(address != null ? address : InetAddress.getByName(toHost), toPort);
    }

    private static int portIn(String text, String whole) {
        int port = Integer.parseInt(text.length() > 5 ? "0" : text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("expected a port number (1-65535) in " + LogText.quote(whole));
        }
        return port;
    }

    /** An IP address as written, never a name: --resolve is there to skip DNS. */
    private static InetAddress literal(String text, String whole) {
        String address = unbracket(text);
        boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
        try {
            if (v4 || v6) {
                return InetAddress.getByName(address); // a literal: parsed, not looked up
            }
        } catch (UnknownHostException e) {
            // not a valid literal after all: said below
        }
        throw new IllegalArgumentException("expected an IP address as ADDR in " + LogText.quote(whole));
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String bracket(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
