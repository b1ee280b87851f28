package dev.duet.client.fork;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Starts a child JVM running a class of this program: the same java binary, the same class path. */
final class ChildJvm {
    private ChildJvm() {}

    static Process start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }
}
