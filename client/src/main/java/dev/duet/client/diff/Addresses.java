package dev.duet.client.diff;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Socket addresses as {@code diff} shows and compares them: {@code ip:port}, IPv6 in brackets. */
final class Addresses {
    private Addresses() {}

    static String format(String ip, int port) {
        String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        return (bare.contains(":") ? "[" + canonical(bare) + "]" : bare) + ":" + port;
    }

    /** One spelling of an IPv6 address ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}), so two ends compare. */
    private static String canonical(String ipv6) {
        try {
            String full = InetAddress.getByName(ipv6).getHostAddress();
            return full.replaceFirst("(^|:)(0(:0)+)(:|$)", "::").replaceFirst(":::", "::");
        } catch (UnknownHostException e) {
            return ipv6; // a literal always parses; an odd one is shown as it came
        }
    }
}
