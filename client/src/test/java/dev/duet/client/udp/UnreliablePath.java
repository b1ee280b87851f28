package dev.duet.client.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A UDP path between one client and a server that drops, repeats and reorders datagrams as told,
 * by their place in the client's sending (the first is 1), the same way every run: what netem
 * does at random, done on purpose. The echoes come back untouched.
 */
public final class UnreliablePath implements AutoCloseable {
    /** What happens to one datagram on its way to the server. */
    public sealed interface Fault {}

    /** Never arrives. */
    public record Drop() implements Fault {}

    /** Arrives twice. */
    public record Repeat() implements Fault {}

    /** Waits until datagram {@code until} has gone on, then goes on: it arrives after that one. */
    public record HoldUntil(int until) implements Fault {}

    private final DatagramSocket front;
    private final DatagramSocket back;
    private final Map<Integer, Fault> faults;
    private final Map<Integer, byte[]> held = new HashMap<>();
    private final Thread toServer;
    private final Thread toClient;
    private volatile SocketAddress client;

    public UnreliablePath(int serverPort, Map<Integer, Fault> faults) throws SocketException {
        this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.back.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort));
        this.faults = faults;
        this.toServer = new Thread(this::forward, "unreliable-path-out");
        this.toClient = new Thread(this::back, "unreliable-path-back");
        toServer.start();
        toClient.start();
    }

    /** Where the client sends. */
    public int port() {
        return front.getLocalPort();
    }

    private void forward() {
        byte[] buffer = new byte[70_000];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            for (int n = 1; ; n++) {
                packet.setLength(buffer.length);
                front.receive(packet);
                client = packet.getSocketAddress();
                byte[] datagram = Arrays.copyOf(buffer, packet.getLength());
                Fault fault = faults.get(n);
                if (fault instanceof HoldUntil hold) {
                    held.put(hold.until(), datagram);
                    continue;
                }
                if (!(fault instanceof Drop)) {
                    send(datagram);
                }
                if (fault instanceof Repeat) {
                    send(datagram);
                }
                byte[] released = held.remove(n);
                if (released != null) {
                    send(released);
                }
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private void back() {
        byte[] buffer = new byte[70_000];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            while (true) {
                packet.setLength(buffer.length);
                back.receive(packet);
                front.send(new DatagramPacket(buffer, packet.getLength(), client));
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private void send(byte[] datagram) throws IOException {
        back.send(new DatagramPacket(datagram, datagram.length));
    }

    @Override
    public void close() throws InterruptedException {
        front.close();
        back.close();
        toServer.join();
        toClient.join();
    }
}
