package dev.duet.client.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.duet.client.fork.MessageChannel;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Whatever bytes the other process writes, the channel's decoder delivers messages or reports
 * malformed lines, and always reaches the end: it never throws and never hangs.
 * Runs its saved inputs in every build; {@code JAZZER_FUZZ=1} fuzzes it (see README).
 */
class MessageDecoderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void anyInputIsDecodedOrReportedAndTheEndIsReached(byte[] input) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        MessageChannel.open(
                new ByteArrayInputStream(input), OutputStream.nullOutputStream(), new MessageChannel.Listener() {
                    @Override
                    public void onMessage(JsonNode message) {
                        MessageChannel.display(message);
                    }

                    @Override
                    public void onMalformed(String line, String problem) {
                        if (line.length() > 200 || line.chars().anyMatch(c -> c < 0x20)) {
                            failure[0] =
                                    new AssertionError("a malformed line must reach the log escaped and cut: " + line);
                        }
                    }

                    @Override
                    public void onClosed() {
                        closed.countDown();
                    }
                });
        if (!closed.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the decoder did not reach the end of its input");
        }
        if (failure[0] != null) {
            throw (AssertionError) failure[0];
        }
    }
}
