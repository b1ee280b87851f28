package dev.duet.client.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dns;

/**
 * A name's addresses, rotated by one more at each lookup. Behind DNS round robin (Swarm's dnsrr,
 * a headless Kubernetes Service) every replica is one address of one name, and each lookup puts
 * another first; but the JVM caches a lookup for 30 s, so every new connection would go to the
 * same first address. Rotating the cached list gives successive connections each address in turn.
 */
public final class RotatingDns implements Dns {
    private final Dns resolver;
    private final AtomicInteger turn = new AtomicInteger();

    public RotatingDns(Dns resolver) {
        this.resolver = resolver;
    }

    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        List<InetAddress> all = resolver.lookup(host);
        int first = Math.floorMod(turn.getAndIncrement(), all.size());
        List<InetAddress> rotated = new ArrayList<>(all.subList(first, all.size()));
        rotated.addAll(all.subList(0, first));
        return rotated;
    }
}
