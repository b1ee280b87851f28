package dev.duet.server.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duet.server.Instance;
import dev.duet.server.ServerIdentity;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.metrics.Activity;
import dev.duet.server.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The UDP echo with real datagrams over loopback, and its counters read as Prometheus reads them. */
class UdpEchoServerTest {
    private final Metrics metrics = Metrics.create();

    private UdpEchoServer start(String... more) throws IOException {
        List<String> words = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--quiet"));
        words.addAll(List.of(more));
        return UdpEchoServer.start(
                UdpServerConfig.of(words.toArray(String[]::new)),
                new Instance(ServerIdentity.ofThisHost(), metrics, Activity.NONE, LogFormat.TEXT));
    }

    /**
     * A socket that sends to the server, and gives up on a missing echo after 10 s. Not connected:
     * the JDK sends nothing for an empty datagram on a connected socket.
     */
    private static Peer peer(UdpEchoServer server) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(10_000);
        return new Peer(socket, new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    }

    private record Peer(DatagramSocket socket, InetSocketAddress server) implements AutoCloseable {
        @Override
        public void close() {
            socket.close();
        }
    }

    private static void send(Peer peer, byte[] bytes) throws IOException {
        peer.socket().send(new DatagramPacket(bytes, bytes.length, peer.server()));
    }

    private static byte[] receive(Peer peer) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[70_000], 70_000);
        peer.socket().receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void echoesEveryDatagramByteForByteToItsOwnSenderWhateverItsSize() throws Exception {
        try (UdpEchoServer server = start();
                Peer one = peer(server);
                Peer other = peer(server)) {
            Random random = new Random(24);
            for (int size : new int[] {0, 1, 5, 1472, 9000, 65_507}) {
                byte[] first = new byte[size];
                byte[] second = new byte[size];
                random.nextBytes(first);
                random.nextBytes(second);
                send(one, first);
                send(other, second);
                assertArrayEquals(first, receive(one), size + " bytes");
                assertArrayEquals(second, receive(other), size + " bytes");
            }
        }
    }

    @Test
    void aDatagramOverTheLimitIsCountedAndDroppedNeverEchoedCut() throws Exception {
        try (UdpEchoServer server = start("--max-datagram", "1KiB");
                Peer socket = peer(server)) {
            send(socket, new byte[1025]);
            send(socket, bytes("x".repeat(1024)));
            // one thread echoes in order: the first echo back is the second datagram's, whole
            assertEquals("x".repeat(1024), new String(receive(socket), StandardCharsets.UTF_8));
            assertEquals(2, counter("duet_datagrams_total\\{direction=\"received\"}"));
            assertEquals(1, counter("duet_datagrams_total\\{direction=\"sent\"}"));
            assertEquals(1, counter("duet_datagrams_dropped_total\\{reason=\"oversize\"}"));
            assertEquals(0, counter("duet_datagrams_dropped_total\\{reason=\"send_failed\"}"));
            assertEquals(2049, counter("duet_received_bytes_total\\{transport=\"udp\"}"));
            assertEquals(1024, counter("duet_sent_bytes_total\\{transport=\"udp\"}"));
        }
    }

    @Test
    void countsEveryDatagramEachWayExactly() throws Exception {
        try (UdpEchoServer server = start();
                Peer socket = peer(server)) {
            for (int i = 0; i < 250; i++) {
                send(socket, bytes("n" + i));
                assertEquals("n" + i, new String(receive(socket), StandardCharsets.UTF_8));
            }
            assertEquals(250, counter("duet_datagrams_total\\{direction=\"received\"}"));
            assertEquals(250, counter("duet_datagrams_total\\{direction=\"sent\"}"));
            long bytes = 10 * 2 + 90 * 3 + 150 * 4;
            assertEquals(bytes, counter("duet_received_bytes_total\\{transport=\"udp\"}"));
            assertEquals(bytes, counter("duet_sent_bytes_total\\{transport=\"udp\"}"));
        }
    }

    @Test
    void manySendersAtOnceEachGetTheirOwnEchoesBack() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (UdpEchoServer server = start()) {
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < 8; s++) {
                int sender = s;
                senders.add(pool.submit(() -> {
                    try (Peer socket = peer(server)) {
                        for (int i = 0; i < 200; i++) {
                            String message = "sender " + sender + " datagram " + i;
                            send(socket, bytes(message));
                            assertEquals(message, new String(receive(socket), StandardCharsets.UTF_8));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get(60, TimeUnit.SECONDS);
            }
            assertEquals(1600, counter("duet_datagrams_total\\{direction=\"sent\"}"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSenderThatIsGoneDoesNotStopTheEchoForOthers() throws Exception {
        try (UdpEchoServer server = start();
                Peer stays = peer(server)) {
            try (Peer leaves = peer(server)) {
                send(leaves, bytes("goodbye"));
            } // closed: its echo meets a closed port, and the kernel answers the server with ICMP
            send(stays, bytes("still here"));
            assertEquals("still here", new String(receive(stays), StandardCharsets.UTF_8));
            send(stays, bytes("and again"));
            assertEquals("and again", new String(receive(stays), StandardCharsets.UTF_8));
        }
    }

    @Test
    void closingReleasesThePort() throws Exception {
        int port;
        try (UdpEchoServer server = start()) {
            port = server.port();
        }
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            assertEquals(port, again.getLocalPort());
        }
    }

    /** A counter's value in the text Prometheus scrapes. */
    private long counter(String series) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.writeTo(out);
        String text = out.toString(StandardCharsets.UTF_8);
        Matcher value = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
        if (!value.find()) {
            throw new AssertionError(series + " not in:\n" + text);
        }
        return (long) Double.parseDouble(value.group(1));
    }
}
