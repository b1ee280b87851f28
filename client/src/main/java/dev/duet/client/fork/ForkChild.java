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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child side of {@code duet-client fork}, started by the parent in a JVM of its own: says
 * "hello", prints what the parent sends, and exits when the parent closes the channel or dies (its
 * stdin ends), so it never outlives the parent.
 */
public final class ForkChild {
    private ForkChild() {}

    /**
     * Arguments: the interval, as {@code 3s} ({@code 0s}: the next hello as soon as the parent
     * answers), then how many hellos (none: until the parent closes). Stdout carries only messages;
     * logs go to stderr.
     */
    public static void main(String[] args) throws InterruptedException {
        Duration interval = Durations.parse(args.length > 0 ? args[0] : "0s");
        long count = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        PrintStream log = System.err;
        CountDownLatch parentGone = new CountDownLatch(1);
        AtomicLong said = new AtomicLong();
        MessageChannel[] channel = new MessageChannel[1];
        Runnable hello = () -> {
            if (said.getAndIncrement() < count) {
                try {
                    channel[0].send("hello");
                } catch (IOException e) {
                    parentGone.countDown();
                }
            }
        };
        channel[0] = MessageChannel.open(System.in, System.out, new MessageChannel.Listener() {
            @Override
            public void onMessage(JsonNode message) {
                log.println("message from parent: " + MessageChannel.display(message));
                if (interval.isZero()) {
                    hello.run();
                }
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
        if (interval.isZero()) {
            hello.run();
        } else {
            // as setInterval: the first after one interval
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "duet-child-ticker");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(hello, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
        }
        parentGone.await();
        System.exit(0);
    }
}
