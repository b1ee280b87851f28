package dev.duet.client.fork;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duet.common.Durations;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The child side of {@code duet-client fork}, started by the parent in a JVM of its own: says
 * "hello" every interval, prints what the parent sends, and exits when the parent closes the
 * channel or dies (its stdin ends), so it never outlives the parent.
 */
public final class ForkChild {
    private ForkChild() {}

    /** Arguments: the interval, as {@code 3s}. Stdout carries only messages; logs go to stderr. */
    public static void main(String[] args) throws InterruptedException {
        Duration interval = Durations.parse(args.length > 0 ? args[0] : "3s");
        PrintStream log = System.err;
        CountDownLatch parentGone = new CountDownLatch(1);
        MessageChannel channel = MessageChannel.open(System.in, System.out, new MessageChannel.Listener() {
            @Override
            public void onMessage(JsonNode message) {
                log.println("message from parent: " + MessageChannel.display(message));
            }

            @Override
            public void onMalformed(String line, String problem) {
                log.println("duet-client fork child: skipped a line from the parent (" + problem + "): " + line);
            }

            @Override
            public void onClosed() {
                parentGone.countDown();
            }
        });
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "duet-child-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(
                () -> {
                    try {
                        channel.send("hello");
                    } catch (IOException e) {
                        parentGone.countDown();
                    }
                },
                interval.toNanos(),
                interval.toNanos(),
                TimeUnit.NANOSECONDS);
        parentGone.await();
        System.exit(0);
    }
}
