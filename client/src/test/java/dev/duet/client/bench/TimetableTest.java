package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The open loop's timetables, measured as numbers: when each request is due, not when it went. */
class TimetableTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aConstantRateSpacesRequestsEvenlyAndEndsWithTheRun() {
        Timetable t = Timetable.constant(1000, Duration.ofSeconds(2));
        assertEquals(0, t.dueNanos(0));
        assertEquals(1_000_000, t.dueNanos(1));
        assertEquals(1_999_000_000, t.dueNanos(1999));
        assertEquals(Long.MAX_VALUE, t.dueNanos(2000), "no request is due at or after the end");
        assertEquals(2000, t.requests());
        assertEquals(false, t.ramps());
        assertEquals(1000, t.rateAt(SECOND / 2), 1e-9);
    }

    @Test
    void aLinearRampDueTimesFollowTheAreaUnderTheRate() {
        // 100/s rising to 5,000/s over 60 s: (100 + 5000) / 2 * 60 = 153,000 requests
        Timetable t = Timetable.ramp(100, 5000, Duration.ofSeconds(60), Duration.ofSeconds(60));
        assertTrue(t.ramps());
        assertEquals(153_000, t.requests());
        assertEquals(100, t.rateAt(0), 1e-9);
        assertEquals(2550, t.rateAt(30 * SECOND), 1e-9);
        // the first second: 100 + (4900/60)/2 = 140.83 requests are due
        assertEquals(140.833, t.requestsBefore(SECOND), 0.001);
        // each request is due where the requests due so far reach its number
        long last = -1;
        for (long n = 0; n < 153_000; n += 997) {
            long due = t.dueNanos(n);
            assertTrue(due > last, n + " due at " + due + " after " + last);
            assertEquals(n, t.requestsBefore(due), 1e-3, "request " + n);
            last = due;
        }
        // the gap between requests narrows from 10 ms to 0.2 ms
        assertEquals(10_000_000, t.dueNanos(1) - t.dueNanos(0), 100_000);
        assertEquals(200_000, t.dueNanos(152_999) - t.dueNanos(152_998), 1_000);
        assertEquals(Long.MAX_VALUE, t.dueNanos(153_000));
    }

    @Test
    void aRampShorterThanTheRunHoldsItsTopRateAfterwards() {
        Timetable t = Timetable.ramp(0, 1000, Duration.ofSeconds(10), Duration.ofSeconds(15));
        assertEquals(5000 + 5000, t.requests());
        assertEquals(1000, t.rateAt(12 * SECOND), 1e-9);
        assertEquals(10 * SECOND, t.dueNanos(5000));
        assertEquals(10 * SECOND + 1_000_000, t.dueNanos(5001));
        assertEquals(15 * SECOND, t.nanos());
    }

    @Test
    void k6StagesGoInLinesFromZeroAndBackDown() {
        List<Timetable.Stage> stages = Timetable.parseStages("30s:100,60s:2000,30s:0");
        assertEquals(
                List.of(
                        new Timetable.Stage(Duration.ofSeconds(30), 100),
                        new Timetable.Stage(Duration.ofSeconds(60), 2000),
                        new Timetable.Stage(Duration.ofSeconds(30), 0)),
                stages);
        assertEquals("30s:100,1m:2000,30s:0", Timetable.formatStages(stages));
        Timetable t = Timetable.stages(stages);
        // 0..100 over 30 s, 100..2000 over 60 s, 2000..0 over 30 s
        assertEquals(1500 + 63_000 + 30_000, t.requests());
        assertEquals(120 * SECOND, t.nanos());
        assertEquals(0, t.dueNanos(0), "a ramp from 0 still sends its first request at the start");
        // from 0/s the first requests come slowly: the nth at sqrt(2n/a) s, a = 100/30 per s^2
        assertEquals(Math.sqrt(2 * 1 / (100.0 / 30)) * 1e9, t.dueNanos(1), 1_000);
        assertEquals(30 * SECOND, t.dueNanos(1500), 1_000);
        assertEquals(1050, t.rateAt(60 * SECOND), 1e-9);
        assertEquals(1000, t.rateAt(105 * SECOND), 1e-9);
        // on the way down the gaps widen again, and the last request is due before the end
        assertTrue(t.dueNanos(94_499) < 120 * SECOND);
        assertEquals(Long.MAX_VALUE, t.dueNanos(94_500));
    }

    @Test
    void stagesThatAreNotStagesAreRefusedWithTheFormExpected() {
        for (String bad : List.of("30s", "30s:", "x:100", "30s:-1", "0s:100", "30s:100,", "30s:100:2")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Timetable.parseStages(bad), bad);
            assertTrue(
                    e.getMessage().contains(bad.split(",")[0]) || e.getMessage().contains("\""), e.getMessage());
        }
    }

    @Test
    void connectionsTakeTheSlotsInTurnAndMinusNEndsTheTimetable() {
        LoadSchedule s = LoadSchedule.open(Timetable.constant(100, Duration.ofSeconds(10)), 4, 10, true);
        long start = 5_000;
        // slot n = k * 4 + worker, every 10 ms
        assertEquals(start, s.due(start, 0, 0));
        assertEquals(start + 10_000_000, s.due(start, 1, 0));
        assertEquals(start + 50_000_000, s.due(start, 1, 1));
        // -n 10: slots 0..9 only; worker 1's third slot (9) is the last
        assertEquals(start + 90_000_000, s.due(start, 1, 2));
        assertEquals(Long.MAX_VALUE, s.due(start, 2, 2), "slot 10 is past -n 10");
    }

    @Test
    void withoutCatchingUpAHeldUpConnectionSendsOnlyTheLastSlotDue() {
        Timetable t = Timetable.constant(1000, Duration.ofSeconds(10));
        LoadSchedule catching = LoadSchedule.open(t, 2, -1, true);
        LoadSchedule dropping = LoadSchedule.open(t, 2, -1, false);
        // worker 0's slots are due every 2 ms: 0, 2, 4, 6 ms...; at 7 ms it is free again, owing slots 0..3
        long now = 7_000_000;
        assertEquals(0, catching.firstToSend(0, 0, 0, now), "wrk2's way: all four go, back to back");
        assertEquals(3, dropping.firstToSend(0, 0, 0, now), "slots 0, 1 and 2 are dropped; slot 3 (6 ms) goes");
        // on time, nothing is dropped: the next slot is not due yet
        assertEquals(4, dropping.firstToSend(0, 0, 4, now));
        // at the end of the timetable there is no later slot to skip to
        assertEquals(4999, dropping.firstToSend(0, 0, 4990, 20 * SECOND));
    }
}
