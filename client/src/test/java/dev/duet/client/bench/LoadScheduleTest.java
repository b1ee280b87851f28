package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The open loop's timetable, measured as a timetable: no clock is read. */
class LoadScheduleTest {
    private static final long START = 1_000_000_000L;

    /** A constant rate for an hour, no -n, catching up: the plain {@code --rate} loop. */
    private static LoadSchedule open(int rate, int connections) {
        return LoadSchedule.open(Timetable.constant(rate, Duration.ofHours(1)), connections, -1, true);
    }

    @Test
    void theConnectionsTakeTheSlotsInTurnAtTheRate() {
        LoadSchedule schedule = open(1000, 10);
        assertEquals(START, schedule.due(START, 0, 0));
        assertEquals(
                START + 1_000_000, schedule.due(START, 1, 0), "the next slot, 1 ms later, is the next connection's");
        assertEquals(START + 10_000_000, schedule.due(START, 0, 1), "a connection's next slot is 10 ms on");
    }

    @Test
    void aRunOfTwoSecondsAt1000aSecondHasExactly2000Slots() {
        LoadSchedule schedule = open(1000, 10);
        long deadline = START + 2_000_000_000L;
        int slots = 0;
        for (int worker = 0; worker < 10; worker++) {
            for (long k = 0; schedule.due(START, worker, k) < deadline; k++) {
                slots++;
            }
        }
        assertEquals(2000, slots);
    }

    @Test
    void aRateThatDoesNotDivideASecondStillSpreadsEvenly() {
        LoadSchedule schedule = open(3, 2);
        assertEquals(START + 333_333_333, schedule.due(START, 1, 0));
        assertEquals(START + 666_666_666, schedule.due(START, 0, 1));
        assertEquals(START + 1_000_000_000, schedule.due(START, 1, 1));
    }

    @Test
    void theSlotsDueBeforeTheEndAreCountedFromWhereAConnectionStands() {
        LoadSchedule schedule = open(1000, 10);
        long end = START + 2_000_000_000L;
        assertEquals(200, schedule.dueBefore(START, 3, 0, end), "a connection's share of 2000 slots");
        assertEquals(5, schedule.dueBefore(START, 3, 195, end), "the last five it never reached");
        assertEquals(0, schedule.dueBefore(START, 3, 200, end));
    }
}
