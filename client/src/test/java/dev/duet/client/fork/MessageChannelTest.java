package dev.duet.client.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The channel's decoder and encoder over real streams. */
class MessageChannelTest {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private final MessageChannel.Listener recorder = new MessageChannel.Listener() {
        @Override
        public void onMessage(JsonNode message) {
            events.add("message " + message);
        }

        @Override
        public void onMalformed(String line, String problem) {
            events.add("malformed (" + problem + ") " + line);
        }

        @Override
        public void onClosed() {
            events.add("closed");
            closed.countDown();
        }
    };

    private List<String> read(String input) throws InterruptedException {
        MessageChannel.open(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(),
                recorder);
        assertTrue(closed.await(10, TimeUnit.SECONDS));
        return events;
    }

    @Test
    void deliversEachJsonValueAndThenTheEnd() throws Exception {
        assertEquals(
                List.of("message \"hello\"", "message {\"n\":1,\"tags\":[\"a\"]}", "message 42", "closed"),
                read("\"hello\"\n{\"n\":1,\"tags\":[\"a\"]}\n42"));
    }

    @Test
    void malformedLinesAreReportedAndSkipped() throws Exception {
        assertEquals(
                List.of("malformed (not a JSON value) not json\\x1b[2J", "message \"after\"", "closed"),
                read("not json\u001b[2J\n\n\"after\"\n"));
    }

    @Test
    void anOversizedLineIsReportedAndSkippedWithoutHoldingItAll() throws Exception {
        String huge = "\"" + "x".repeat(MessageChannel.MAX_MESSAGE_BYTES + 10) + "\"";
        List<String> seen = read(huge + "\n\"fine\"\n");
        assertEquals(3, seen.size(), seen.toString());
        assertTrue(seen.get(0).startsWith("malformed (message larger than 1048576 bytes) \"xxx"), seen.get(0));
        assertEquals(List.of("message \"fine\"", "closed"), seen.subList(1, 3));
    }

    @Test
    void aFloodOfMessagesIsDeliveredInFullAndInOrder() throws Exception {
        int flood = 200_000;
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        AtomicInteger expected = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        MessageChannel.open(in, new ByteArrayOutputStream(), new MessageChannel.Listener() {
            @Override
            public void onMessage(JsonNode message) {
                if (message.asInt() != expected.getAndIncrement()) {
                    outOfOrder.incrementAndGet();
                }
            }

            @Override
            public void onClosed() {
                closed.countDown();
            }
        });
        // the flooding side writes as fast as the pipe takes it; the reader keeps one line at a time
        MessageChannel flooder = MessageChannel.open(InputStream.nullInputStream(), out, m -> {});
        for (int i = 0; i < flood; i++) {
            flooder.send(i);
        }
        flooder.close();
        assertTrue(closed.await(60, TimeUnit.SECONDS));
        assertEquals(flood, expected.get());
        assertEquals(0, outOfOrder.get());
    }

    @Test
    void sendWritesOneJsonValuePerLineThatTheOtherSideReads() throws Exception {
        PipedInputStream in = new PipedInputStream();
        PipedOutputStream out = new PipedOutputStream(in);
        MessageChannel sender = MessageChannel.open(InputStream.nullInputStream(), out, new MessageChannel.Listener() {
            @Override
            public void onMessage(JsonNode message) {}
        });
        MessageChannel.open(in, new ByteArrayOutputStream(), recorder);
        sender.send("hi");
        sender.send(Map.of("kind", "greeting"));
        sender.close();
        assertTrue(closed.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("message \"hi\"", "message {\"kind\":\"greeting\"}", "closed"), events);
    }
}
