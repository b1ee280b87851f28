package dev.duet.client.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.client.ClientRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The article's parent and child, as two real JVMs talking over the child's stdin and stdout. */
class ForkCommandTest {

    @Test
    void childSaysHelloAndParentAnswersHi() {
        ClientRun.Result r = ClientRun.run("fork", "--interval", "50ms", "--count", "2");
        assertEquals(
                new ClientRun.Result(0, "message from child: hello\n".repeat(2), "message from parent: hi\n".repeat(2)),
                r);
    }

    @Test
    void aChildThatDiesIsReportedAndTheParentExitsOne() throws Exception {
        ClientRun.Watched err = new ClientRun.Watched();
        CompletableFuture<ClientRun.Result> parent =
                CompletableFuture.supplyAsync(() -> ClientRun.run(Map.of(), err, "fork", "--interval", "50ms"));
        err.await("message from parent: hi", Duration.ofSeconds(20));
        // the fork's child is this test JVM's only living child process
        List<ProcessHandle> children = ProcessHandle.current()
                .children()
                .filter(ProcessHandle::isAlive)
                .toList();
        assertEquals(1, children.size(), children.toString());
        ProcessHandle child = children.get(0);
        child.destroyForcibly();
        ClientRun.Result r = parent.get(20, TimeUnit.SECONDS);
        assertEquals(1, r.exitCode());
        assertTrue(
                r.err()
                        .endsWith("duet-client: the child process (pid " + child.pid()
                                + ") exited with code 137 before the parent closed the channel\n"),
                r.err());
    }
}
