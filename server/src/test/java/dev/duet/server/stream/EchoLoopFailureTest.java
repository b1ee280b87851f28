package dev.duet.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.server.Instance;
import dev.duet.server.ServerIdentity;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.metrics.Activity;
import dev.duet.server.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An echo loop that fails ends every connection it held, and counts each as ended, so the
 * active-connection gauge and the connection limit stay true; and no new connection is handed to
 * it. The failure is a real one: an inspector that throws while the loop tells it of a close.
 */
class EchoLoopFailureTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    private static String echo(SocketChannel channel) throws Exception {
        channel.write(ByteBuffer.wrap(HELLO));
        return new String(EchoPeer.read(channel, HELLO.length), StandardCharsets.US_ASCII);
    }

    private static double active(Metrics metrics) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        metrics.writeTo(text);
        Matcher m = Pattern.compile("(?m)^duet_connections_active\\{transport=\"tcp\"} (\\S+)$")
                .matcher(text.toString(StandardCharsets.UTF_8));
        assertTrue(m.find(), text.toString(StandardCharsets.UTF_8));
        return Double.parseDouble(m.group(1));
    }

    @Test
    @Timeout(30) // before the fix, #5 went to the failed loop and its echo never came
    void aLoopThatFailsEndsItsConnectionsAndIsHandedNoMore() throws Exception {
        Metrics metrics = Metrics.create();
        Activity breaksAtTheFirstClose = new Activity() {
            @Override
            public void request(Request request) {}

            @Override
            public void connection(Connection connection) {
                if (!connection.open() && connection.id() == 1) {
                    throw new IllegalStateException("the inspector broke");
                }
            }
        };
        Instance instance = new Instance(ServerIdentity.ofThisHost(), metrics, breaksAtTheFirstClose, LogFormat.TEXT);
        try (StreamEchoServer server = StreamEchoServer.start(
                        StreamServerConfig.tcp("--host", "127.0.0.1", "--port", "0", "--quiet"), instance);
                SocketChannel first = EchoPeer.connect(server.address());
                SocketChannel second = EchoPeer.connect(server.address());
                SocketChannel third = EchoPeer.connect(server.address())) {
            for (SocketChannel c : new SocketChannel[] {first, second, third}) {
                assertEquals("hello", echo(c));
            }
            assertEquals(3, active(metrics));
            boolean twoLoops = Runtime.getRuntime().availableProcessors() >= 2;
            // connections take the loops in turn: #1 and #3 share one when there are two
            first.close();
            assertEquals(0, EchoPeer.read(third, 1).length, "the failed loop closed #3");
            assertEquals(twoLoops ? 1 : 0, active(metrics), "#1 and #3 counted as ended");
            if (twoLoops) {
                assertEquals("hello", echo(second), "the other loop goes on");
            }
            // #4 and #5: had #5 gone to the failed loop it would never have been echoed
            try (SocketChannel fourth = EchoPeer.connect(server.address());
                    SocketChannel fifth = EchoPeer.connect(server.address())) {
                if (twoLoops) {
                    assertEquals("hello", echo(fourth));
                    assertEquals("hello", echo(fifth));
                    assertEquals(3, active(metrics));
                } else {
                    assertEquals(0, EchoPeer.read(fourth, 1).length, "with no loop left, refused");
                }
            }
        }
    }
}
