package dev.duet.client.stream;

import dev.duet.common.LogText;
import java.net.InetSocketAddress;

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

    public static String format(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
