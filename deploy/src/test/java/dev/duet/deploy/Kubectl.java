package dev.duet.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code kubectl}, for what it does offline: {@code kubectl kustomize DIR}. */
final class Kubectl {

    private Kubectl() {}

    /** Why kubectl cannot be used here, or null when it can. */
    static String unavailable() {
        try {
            Run version = run(List.of("kubectl", "version", "--client"));
            return version.exit() == 0 ? null : "'kubectl version --client' failed: " + version.errors();
        } catch (IOException e) {
            return "kubectl is not installed (" + e.getMessage() + ")";
        }
    }

    /** The rendered manifests of a Kustomize directory; throws with kubectl's own words on failure. */
    static String kustomize(Path dir) throws IOException {
        Run render = run(List.of("kubectl", "kustomize", dir.toString()));
        if (render.exit() != 0) {
            throw new IOException("kubectl kustomize " + dir + " exited " + render.exit() + ": " + render.errors());
        }
        return render.output();
    }

    private record Run(int exit, String output, String errors) {}

    private static Run run(List<String> command) throws IOException {
        // stderr to a file: read after stdout, it can never fill a pipe and stall kubectl
        Path errors = Files.createTempFile("kubectl", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 60s");
            }
            return new Run(process.exitValue(), output, Files.readString(errors).strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
