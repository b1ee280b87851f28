package dev.duet.server.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One echo implementation, proven over both transports with real sockets. */
class StreamEchoServerTest {
    @TempDir
    static Path dir;

    private static StreamEchoServer start(String transport, int maxConnections) throws IOException {
        String limit = Integer.toString(maxConnections);
        return StreamEchoServer.start(
                transport.equals("unix")
                        ? StreamServerConfig.unix(
                                "--path",
                                dir.resolve("echo-" + System.nanoTime() + ".sock")
                                        .toString(),
                                "--quiet",
                                "--max-connections",
                                limit)
                        : StreamServerConfig.tcp(
                                "--host", "127.0.0.1", "--port", "0", "--quiet", "--max-connections", limit));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void echoesLargeRandomPayloadsExactlyOverManyConcurrentConnections(String transport) throws Exception {
        int connections = 16;
        int size = 2 * 1024 * 1024;
        ExecutorService pool = Executors.newCachedThreadPool();
        try (StreamEchoServer server = start(transport, 100)) {
            List<Future<?>> checks = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                byte[] payload = new byte[size];
                new Random(i).nextBytes(payload);
                checks.add(pool.submit(() -> {
                    try (SocketChannel channel = EchoPeer.connect(server.address())) {
                        // write and read at once: the server stops reading from a client that does not read
                        Future<?> writer = pool.submit(() -> {
                            channel.write(ByteBuffer.wrap(payload));
                            return null;
                        });
                        byte[] echoed = EchoPeer.read(channel, size);
                        writer.get();
                        assertArrayEquals(payload, echoed);
                    }
                    return null;
                }));
            }
            for (Future<?> check : checks) {
                check.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void aClientThatStopsReadingDoesNotHoldUpOthers(String transport) throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try (StreamEchoServer server = start(transport, 100);
                SocketChannel stubborn = EchoPeer.connect(server.address())) {
            // sends far more than any buffer holds and never reads its echo: its writes soon block
            pool.submit(() -> stubborn.write(ByteBuffer.allocate(64 * 1024 * 1024)));
            try (SocketChannel polite = EchoPeer.connect(server.address())) {
                polite.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
                assertEquals("hello", new String(EchoPeer.read(polite, 5), StandardCharsets.UTF_8));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void aHalfClosedClientGetsItsEchoAndThenTheEnd(String transport) throws Exception {
        try (StreamEchoServer server = start(transport, 100);
                SocketChannel channel = EchoPeer.connect(server.address())) {
            channel.write(ByteBuffer.wrap("last words".getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            assertEquals("last words", new String(EchoPeer.read(channel, 64), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void connectionsBeyondTheLimitAreClosedAndTheRestServed(String transport) throws Exception {
        try (StreamEchoServer server = start(transport, 1);
                SocketChannel first = EchoPeer.connect(server.address())) {
            first.write(ByteBuffer.wrap("one".getBytes(StandardCharsets.UTF_8)));
            assertEquals("one", new String(EchoPeer.read(first, 3), StandardCharsets.UTF_8));
            try (SocketChannel second = EchoPeer.connect(server.address())) {
                assertEquals(0, EchoPeer.read(second, 1).length);
            }
            first.write(ByteBuffer.wrap("two".getBytes(StandardCharsets.UTF_8)));
            assertEquals("two", new String(EchoPeer.read(first, 3), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void aClientThatLeftFreesItsPlaceUnderTheLimit(String transport) throws Exception {
        try (StreamEchoServer server = start(transport, 1)) {
            try (SocketChannel first = EchoPeer.connect(server.address())) {
                first.write(ByteBuffer.wrap("one".getBytes(StandardCharsets.UTF_8)));
                first.shutdownOutput();
                // the server's end of the stream is its last act for this connection
                assertEquals("one", new String(EchoPeer.read(first, 4), StandardCharsets.UTF_8));
            }
            try (SocketChannel next = EchoPeer.connect(server.address())) {
                next.write(ByteBuffer.wrap("two".getBytes(StandardCharsets.UTF_8)));
                assertEquals("two", new String(EchoPeer.read(next, 3), StandardCharsets.UTF_8));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void closingTheServerEndsEveryOpenConnection(String transport) throws Exception {
        StreamEchoServer server = start(transport, 100);
        try (SocketChannel idle = EchoPeer.connect(server.address());
                SocketChannel busy = EchoPeer.connect(server.address())) {
            busy.write(ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
            assertEquals("hi", new String(EchoPeer.read(busy, 2), StandardCharsets.UTF_8));
            server.close();
            assertEquals(0, EchoPeer.read(idle, 1).length);
            assertEquals(0, EchoPeer.read(busy, 1).length);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void idleConnectionsCostNoThreads(String transport) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<SocketChannel> clients = new ArrayList<>();
        try (StreamEchoServer server = start(transport, 2000)) {
            int serving = threads.getThreadCount();
            try {
                for (int i = 0; i < 1000; i++) {
                    SocketChannel client = EchoPeer.connect(server.address());
                    clients.add(client);
                    client.write(ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
                    assertEquals("hi", new String(EchoPeer.read(client, 2), StandardCharsets.UTF_8));
                }
                // a thread per connection would add a thousand; the echo loops are already running
                assertTrue(
                        threads.getThreadCount() - serving <= 2,
                        threads.getThreadCount() + " threads, " + serving + " before the clients");
            } finally {
                for (SocketChannel client : clients) {
                    client.close();
                }
            }
        }
    }
}
