package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * curl, the client users reach for first, run as a process: {@code -sS} and the arguments given,
 * bounded to 30 seconds.
 */
public final class Curl {
    private Curl() {}

    /** What curl printed and how it exited. */
    public record Result(int exit, String out, String err) {}

    public static Result run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30"));
        command.addAll(args);
        Process curl = new ProcessBuilder(command).start();
        curl.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(curl.getErrorStream()));
        String out = text(curl.getInputStream());
        if (!curl.waitFor(40, TimeUnit.SECONDS)) {
            curl.destroyForcibly();
            throw new AssertionError("curl " + args + " still running after 40 s");
        }
        return new Result(curl.exitValue(), out, err.join());
    }

    /** curl's standard output, failing with its error when it exits other than 0. */
    public static String ok(String... args) throws IOException, InterruptedException {
        Result result = run(List.of(args));
        assertEquals(0, result.exit(), "curl " + String.join(" ", args) + ": " + result.err());
        return result.out();
    }

    private static String text(InputStream in) {
        try {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
