package dev.duet.client.stream;

import dev.duet.common.LogText;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** {@code HOST:PORT} as users write it ({@code localhost:8888}, {@code [::1]:8888}), not yet resolved. */
public final class HostPort {
    private HostPort() {}

    public static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got " + LogText.quote(text));
        }
        String host = text.substring(0, colon).replaceAll("^\\[(.*)]$", "$1");
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("expected a port number (1-65535) in " + LogText.quote(text));
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** A host name resolved now, as a connect needs it; an address as it is. */
    public static InetSocketAddress resolve(InetSocketAddress unresolved) throws UnknownHostException {
        if (!unresolved.isUnresolved()) {
            return unresolved;
        }
        InetSocketAddress resolved = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
        if (resolved.isUnresolved()) {
            throw new UnknownHostException(unresolved.getHostString());
        }
        return resolved;
    }

    public static String format(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
