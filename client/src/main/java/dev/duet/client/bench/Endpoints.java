package dev.duet.client.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where each new connection of an HTTP/1.1 load goes. Plainly, the one address looked up before
 * the run, as wrk does. Counting replicas ({@code --tally}), the name is looked up again for each
 * connection and its addresses taken in turn: behind DNS round robin (Swarm's dnsrr, a headless
 * Service) that spreads the connections over the replicas, and a rolling update's new replica is
 * found and its stopped one dropped as DNS changes, within the JVM's cache time
 * ({@code -Dsun.net.inetaddr.ttl}). Only addresses of the first one's family are taken: a
 * {@code localhost} that is also {@code ::1} must not send every other connection to where the
 * server may not listen.
 */
abstract class Endpoints {
    /** The address the next connection dials. */
    abstract InetSocketAddress next() throws UnknownHostException;

    static Endpoints fixed(InetSocketAddress address) {
        return new Endpoints() {
            @Override
            InetSocketAddress next() {
                return address;
            }
        };
    }

    /** @param first the address looked up before the run: its family is the one kept */
    static Endpoints rotating(String host, InetSocketAddress first) {
        AtomicInteger turn = new AtomicInteger();
        Class<?> family = first.getAddress().getClass();
        return new Endpoints() {
            @Override
            InetSocketAddress next() throws UnknownHostException {
                List<InetAddress> same = new ArrayList<>();
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    if (address.getClass() == family) {
                        same.add(address);
                    }
                }
                if (same.isEmpty()) {
                    throw new UnknownHostException(host + " has no " + family.getSimpleName() + " address any more");
                }
                return new InetSocketAddress(
                        same.get(Math.floorMod(turn.getAndIncrement(), same.size())), first.getPort());
            }
        };
    }
}
