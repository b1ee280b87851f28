package dev.duet.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real client with its output captured, as a user would see it: its entry point in this
 * JVM, or a whole process (the jar, or bin/duet-client).
 */
public final class ClientRun {
    public record Result(int exitCode, String out, String err) {}

    private ClientRun() {}

    public static Result run(String... args) {
        return run(Map.of(), new Watched(), args);
    }

    public static Result run(Map<String, String> env, Watched err, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(
                List.of(args),
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.text());
    }

    /** Runs {@code command} with nothing on its stdin and {@code env} added to ours, to its end. */
    public static Result process(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        // stderr is read on a thread of its own so neither pipe can fill and stall the process
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not exit");
        }
        return new Result(
                p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8));
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
