package dev.duet.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A parent that is killed outright (no shutdown hooks run) leaves no orphan: the child sees its stdin end. */
class ForkParentDeathIT {
    @Test
    void theChildExitsWhenTheParentIsKilled() throws Exception {
        Process parent = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-jar",
                        Path.of("target", "duet-client.jar").toString(),
                        "fork",
                        "--interval",
                        "100ms")
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("message from child: hello", out.readLine());
            ProcessHandle child = parent.toHandle().children().findFirst().orElseThrow();
            parent.toHandle().destroyForcibly(); // SIGKILL
            child.onExit().get(20, TimeUnit.SECONDS);
        } finally {
            parent.destroyForcibly();
        }
    }
}
