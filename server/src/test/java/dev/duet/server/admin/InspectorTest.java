package dev.duet.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.duet.server.metrics.Activity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the inspector keeps is bounded, whoever watches and however slowly. */
class InspectorTest {
    private static Activity.Request request(long millis, String target) {
        return new Activity.Request(millis, "GET", target, 200, "127.0.0.1:1", 100, target.length(), null);
    }

    @Test
    void aNewPageGetsTheLastRequestsOnlyUpToTheHistory() throws Exception {
        Inspector inspector = new Inspector(3);
        for (int i = 0; i < 10; i++) {
            inspector.request(request(1_000, "/" + i));
        }
        Inspector.Watcher watcher = inspector.watch();
        List<String> seen = new ArrayList<>();
        for (Inspector.Event e; (e = watcher.next(0)) != null; ) {
            seen.add(e.json().replaceAll(".*\"target\":\"([^\"]*)\".*", "$1"));
        }
        assertEquals(List.of("/7", "/8", "/9"), seen);
    }

    @Test
    void aPageThatDoesNotReadLosesEventsAndCountsThemInsteadOfGrowing() throws Exception {
        Inspector inspector = new Inspector(10);
        Inspector.Watcher stuck = inspector.watch();
        for (int i = 0; i < 5_000; i++) {
            inspector.request(request(1_000, "/" + i));
        }
        assertEquals(5_000 - 1024, stuck.dropped());
        int queued = 0;
        while (stuck.next(0) != null) {
            queued++;
        }
        assertEquals(1024, queued);
        assertNull(stuck.next(0));
    }

    @Test
    void theChartCountsRequestsPerSecondOverTheLastMinute() {
        Inspector inspector = new Inspector(10);
        inspector.request(request(100_000, "/a")); // second 100
        inspector.request(request(100_500, "/b"));
        inspector.request(request(158_000, "/c")); // second 158
        inspector.request(request(30_000, "/too-old"));
        String rates = inspector.rates(159_999); // the window ends at second 159
        String[] counts = rates.substring(1, rates.length() - 1).split(",");
        assertEquals(Inspector.RATE_SECONDS, counts.length);
        assertEquals("2", counts[counts.length - 60], "second 100");
        assertEquals("1", counts[counts.length - 2], "second 158");
        assertEquals("0", counts[counts.length - 1], "second 159");
        assertEquals(3, Arrays.stream(counts).mapToInt(Integer::parseInt).sum());
    }

    @Test
    void streamConnectionsAppearAsTheyOpenAndCloseWithTheirBytes() throws Exception {
        Inspector inspector = new Inspector(10);
        Inspector.Watcher watcher = inspector.watch();
        inspector.connection(new Activity.Connection(0, "unix", 7, "a local process", true, 0));
        inspector.connection(new Activity.Connection(1_500, "unix", 7, "a local process", false, 4096));
        Inspector.Event open = watcher.next(0);
        Inspector.Event close = watcher.next(0);
        assertEquals("connection", open.type());
        assertEquals(
                "{\"time\":\"1970-01-01T00:00:00Z\",\"transport\":\"unix\",\"id\":7,\"peer\":\"a local process\","
                        + "\"event\":\"open\",\"bytes\":0}",
                open.json());
        assertEquals(
                "{\"time\":\"1970-01-01T00:00:01.500Z\",\"transport\":\"unix\",\"id\":7,\"peer\":\"a local process\","
                        + "\"event\":\"close\",\"bytes\":4096}",
                close.json());
    }
}
