package dev.duet.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python grpcio programs in interop/python, gRPC peers nobody here wrote: Debian's
 * python3-grpcio, which loads under /usr/bin/python3 only.
 */
public final class GrpcioPeers {
    public static final String PYTHON = "/usr/bin/python3";
    /** interop/python, seen from a module's directory (where Maven runs its tests). */
    public static final Path DIR = Path.of("..", "interop", "python");

    private GrpcioPeers() {}

    public static boolean available() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import grpc")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs grpc_echo_client.py with {@code args} to its end; its lines (one JSON object a call). */
    public static List<String> client(String... args) throws IOException, InterruptedException {
        Process p = clientProcess(args);
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = p.inputReader(StandardCharsets.UTF_8)) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("grpc_echo_client.py did not end");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("grpc_echo_client.py exited " + p.exitValue() + ": " + lines);
        }
        return lines;
    }

    /** grpc_echo_client.py started, its stderr in its stdout, for a test that reads as it goes. */
    public static Process clientProcess(String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(PYTHON, DIR.resolve("grpc_echo_client.py").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** grpc_echo_server.py on a free port; it stops when closed. */
    public static final class Server implements AutoCloseable {
        private final Process process;
        private final int port;

        public Server() throws IOException {
            process = new ProcessBuilder(
                            PYTHON, DIR.resolve("grpc_echo_server.py").toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (line == null || !line.startsWith("listening on ")) {
                process.destroyForcibly();
                throw new IOException("grpc_echo_server.py did not start: " + line);
            }
            port = Integer.parseInt(line.substring("listening on ".length()).trim());
        }

        public int port() {
            return port;
        }

        @Override
        public void close() throws IOException {
            process.getOutputStream().close(); // its stdin closes: it stops
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
