package dev.duet.server;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Who answered: this instance's name (--name, else the hostname), the host's name and its
 * addresses, looked up once at start-up, so a user testing across hosts sees which one replied.
 * The addresses are those of every interface that is up, as IP literals without a scope; the
 * JSON echo shows them and a self-signed certificate names them, the one list for both.
 */
public record ServerIdentity(String name, String hostname, List<String> addresses) {

    public static ServerIdentity ofThisHost(Optional<String> name) {
        String hostname = lookUpHostname();
        return new ServerIdentity(name.orElse(hostname), hostname, lookUpAddresses());
    }

    /** As {@link #ofThisHost}, named after the host. */
    public static ServerIdentity ofThisHost() {
        return ofThisHost(Optional.empty());
    }

    private static String lookUpHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            String fromEnv = System.getenv("HOSTNAME");
            return fromEnv == null ? "unknown" : fromEnv;
        }
    }

    private static List<String> lookUpAddresses() {
        List<String> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int zone = text.indexOf('%');
                    found.add(zone < 0 ? text : text.substring(0, zone));
                }
            }
        } catch (SocketException e) {
            // no interface list: the hostname alone still says who answered
        }
        return List.copyOf(found);
    }
}
