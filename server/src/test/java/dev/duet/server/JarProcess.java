package dev.duet.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The server jar run as a user runs it ({@code java -jar server/target/duet-server.jar ...}), with
 * its output read line by line so a test can wait for what it prints instead of sleeping.
 */
final class JarProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "duet-server.jar");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private JarProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = in.readLine()) != null; ) {
                            lines.add(line);
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                },
                "jar-output");
        reader.setDaemon(true);
        reader.start();
    }

    static JarProcess start(String... args) throws IOException {
        return startAs(List.of(), JAR, args);
    }

    /** Runs the jar with these variables added to the environment, as a container's are set. */
    static JarProcess startWith(Map<String, String> env, String... args) throws IOException {
        return start(List.of(), JAR, env, args);
    }

    /** Runs {@code jar} behind {@code prefix} (such as setpriv, to run as another user). */
    static JarProcess startAs(List<String> prefix, Path jar, String... args) throws IOException {
        return start(prefix, jar, Map.of(), args);
    }

    private static JarProcess start(List<String> prefix, Path jar, Map<String, String> env, String... args)
            throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    jar.toAbsolutePath() + " is missing: run `mvn verify`, which packages it first");
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(javaBinary(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new JarProcess(builder.start());
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Waits for a line that matches, failing with everything printed so far when none comes. */
    String awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no matching line within " + timeout + " (" + state() + "); output was:\n"
                        + String.join("\n", seen));
            }
            seen.add(line);
            if (matches.test(line)) {
                return line;
            }
        }
    }

    long pid() {
        return process.pid();
    }

    private String state() {
        return process.isAlive() ? "still running" : "exited with " + process.exitValue();
    }

    /** Reads the echo's port from its "listening on HOST:PORT" line, the first the server logs. */
    int awaitPort() throws InterruptedException {
        return portOf(awaitLine(l -> l.contains(" listening on "), Duration.ofSeconds(20)));
    }

    /** Reads the control plane's port from its "admin listening on HOST:PORT" line. */
    int awaitAdminPort() throws InterruptedException {
        return portOf(awaitLine(l -> l.contains(" admin listening on "), Duration.ofSeconds(20)));
    }

    private static int portOf(String line) {
        String address = line.substring(line.indexOf(" listening on ") + 14).split(" ")[0];
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /** The lines {@link #awaitLine} has read so far, the matching ones included. */
    List<String> linesRead() {
        return List.copyOf(seen);
    }

    /** Everything printed until the process ends. */
    String remainingOutput() throws InterruptedException {
        process.waitFor(20, TimeUnit.SECONDS);
        StringBuilder out = new StringBuilder();
        for (String line; (line = lines.poll(1, TimeUnit.SECONDS)) != null; ) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** Every line printed until the process ends: those already awaited, then the rest. */
    String everything() throws InterruptedException {
        return String.join("\n", seen) + "\n" + remainingOutput();
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("process still running after " + timeout);
        }
        return process.exitValue();
    }

    /** SIGTERM, as `docker stop` and `kill` send. */
    void terminate() {
        // ProcessHandle.destroy, unlike Process.destroy, leaves our end of stdout open to read the goodbye
        process.toHandle().destroy();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
