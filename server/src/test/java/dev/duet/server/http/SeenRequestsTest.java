package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The server's memory of recent runs: exact counts, and a cap that forgets the oldest run first. */
class SeenRequestsTest {
    private static final String SERVER = "test";

    @Test
    void countsEachNumberOnItsOwn() {
        SeenRequests seen = new SeenRequests();
        assertEquals(1, seen.see("r", 1));
        assertEquals(1, seen.see("r", 5000)); // on a second page
        assertEquals(2, seen.see("r", 1));
        assertEquals(1, seen.see("other", 1), "runs are apart");
        SeenRequests.Tally tally = seen.tally("r", SERVER);
        assertEquals(3, tally.arrivals());
        assertEquals(2, tally.distinct());
        assertEquals(5000, tally.highest());
        byte[] bitmap = Base64.getDecoder().decode(tally.seen());
        assertEquals(625, bitmap.length);
        assertEquals(1, bitmap[0]);
        assertEquals((byte) 0x80, bitmap[624]);
    }

    @Test
    void aCountStopsAt255() {
        SeenRequests seen = new SeenRequests();
        for (int i = 1; i <= 300; i++) {
            assertEquals(Math.min(i, 255), seen.see("r", 9));
        }
        assertEquals(300, seen.tally("r", SERVER).arrivals());
    }

    @Test
    void pastTheRunLimitTheOldestRunIsForgotten() {
        SeenRequests seen = new SeenRequests();
        for (int run = 0; run <= SeenRequests.MAX_RUNS; run++) {
            seen.see("run-" + run, 1);
        }
        assertEquals(false, seen.tally("run-0", SERVER).known());
        assertEquals(true, seen.tally("run-1", SERVER).known());
        assertEquals(1, seen.see("run-0", 1), "a forgotten run starts again from nothing");
    }

    @Test
    void pastTheMemoryCapOlderRunsGoFirstThenNumbersGoUncounted() {
        SeenRequests seen = new SeenRequests();
        int everyPage = SeenRequests.MAX_BYTES / SeenRequests.PAGE;
        seen.see("old", 1);
        // one number on each page the cap allows: the new run takes every page, the old run goes
        for (int page = 0; page < everyPage; page++) {
            assertEquals(1, seen.see("big", page * SeenRequests.PAGE + 1));
        }
        assertEquals(false, seen.tally("old", SERVER).known());
        assertEquals(0, seen.see("big", everyPage * SeenRequests.PAGE + 1), "beyond every page there is");
        SeenRequests.Tally big = seen.tally("big", SERVER);
        assertEquals(everyPage + 1, big.arrivals());
        assertEquals(everyPage, big.distinct());
        assertEquals(1, big.uncounted());
    }
}
