package dev.duet.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duet.client.ClientRun;
import org.junit.jupiter.api.Test;

class SelfTestTest {

    @Test
    void getsItsOwnResponderThroughTheNormalPathAndPrintsWhatAGetPrints() {
        assertEquals(new ClientRun.Result(0, "statusCode: 200\n/self-test\n", ""), ClientRun.run("self-test"));
    }

    @Test
    void takesNoArguments() {
        ClientRun.Result result = ClientRun.run("self-test", "localhost:8888");
        assertEquals(2, result.exitCode());
        assertEquals("", result.out());
        assertEquals(
                "duet-client: unexpected argument \"localhost:8888\"",
                result.err().lines().findFirst().orElseThrow());
    }
}
