package dev.duet.client.fork;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duet.client.Failure;
import dev.duet.common.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code duet-client fork}: the article's parent. Starts a child JVM (the same {@code java}, the
 * same jar), prints each message from it and answers "hi". After {@code --count} messages it
 * closes the channel and the child exits; a child that dies first is reported, exit 1. The child
 * says hello every --interval, or without one again as soon as it is answered, and as many times
 * as --count says.
 */
public final class ForkCommand {
    private final ForkConfig config;
    private final PrintStream out;
    private final PrintStream err;

    public ForkCommand(ForkConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    public void run() throws IOException, InterruptedException, Failure {
        List<String> childArgs = new ArrayList<>(List.of(Durations.format(config.interval())));
        config.count().ifPresent(n -> childArgs.add(String.valueOf(n)));
        Process child = ChildJvm.start(ForkChild.class, childArgs.toArray(String[]::new));
        Thread childLogs = pump(child.getErrorStream(), err);
        Thread killChild = new Thread(child::destroy, "duet-fork-cleanup");
        Runtime.getRuntime().addShutdownHook(killChild);
        AtomicInteger received = new AtomicInteger();
        AtomicBoolean weClosed = new AtomicBoolean();
        MessageChannel[] channel = new MessageChannel[1];
        channel[0] =
                MessageChannel.open(child.getInputStream(), child.getOutputStream(), new MessageChannel.Listener() {
                    @Override
                    public void onMessage(JsonNode message) {
                        out.println("message from child: " + MessageChannel.display(message));
                        try {
                            if (config.count().isPresent()
                                    && received.incrementAndGet()
                                            >= config.count().get()) {
                                weClosed.set(true);
                                channel[0].send("hi");
                                channel[0].close();
                            } else if (!weClosed.get()) {
                                channel[0].send("hi");
                            }
                        } catch (IOException e) {
                            // the child is gone; its exit is reported below
                        }
                    }

                    @Override
                    public void onMalformed(String line, String problem) {
                        err.println("duet-client: skipped a line from the child (" + problem + "): " + line);
                    }
                });
        int code = child.waitFor();
        childLogs.join();
        Runtime.getRuntime().removeShutdownHook(killChild);
        if (weClosed.get() && code == 0) {
            return;
        }
        throw new Failure(
                Failure.Kind.CHILD_DIED,
                "the child process (pid " + child.pid() + ") exited with code " + code
                        + (weClosed.get() ? "" : " before the parent closed the channel"));
    }

    private static Thread pump(InputStream from, PrintStream to) {
        Thread t = new Thread(
                () -> {
                    try {
                        from.transferTo(to);
                    } catch (IOException ignored) {
                        // the child closed its stderr
                    }
                    to.flush();
                },
                "duet-fork-child-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
