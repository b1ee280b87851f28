package dev.duet.client;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real client's entry point with its output captured, as a user would see it. */
public final class ClientRun {
    public record Result(int exitCode, String out, String err) {
    }

    private ClientRun() {
    }

    public static Result run(String... args) {
        return run(Map.of(), new Watched(), args);
    }

    public static Result run(Map<String, String> env, Watched err, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.text());
    }

    /** Captures a stream and lets a test wait until some text has been written to it. */
    public static final class Watched extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        public synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        public synchronized void await(String expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!text().contains(expected)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("\"" + expected + "\" never appeared; got: " + text());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
