package dev.duet.client.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.client.Failure;
import dev.duet.client.limits.WallSearch.Found;
import dev.duet.client.limits.WallSearch.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The search for a path's wall: exact, bounded, and honest where the wall is not one size. */
class WallSearchTest {
    /** Every size asked, in order. */
    private final List<Long> asked = new ArrayList<>();

    private WallSearch.Probe wallAt(long largestPassing, String how) {
        return size -> {
            asked.add(size);
            return size <= largestPassing ? Verdict.PASSED : Verdict.refused(how);
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 1000, 1023, 1024, 8192, 8193, 65_535, 999_999, 10 * 1024 * 1024 - 1})
    void aMonotoneWallIsFoundToTheByte(long wall) throws Failure {
        Found found = WallSearch.find(0, 16 * 1024 * 1024, wallAt(wall, "413"));
        assertEquals(new Found(wall, wall + 1, "413", found.probes()), found);
        assertTrue(found.probes() <= 35, found.probes() + " requests for a 16 MiB cap");
        assertEquals(found.probes(), asked.size());
    }

    @Test
    void noWallUpToTheCapSaysNone() throws Failure {
        Found found = WallSearch.find(16, 64 * 1024, wallAt(Long.MAX_VALUE, "414"));
        assertEquals(new Found(64 * 1024, null, null, found.probes()), found);
        assertEquals(64 * 1024, asked.get(asked.size() - 1), "the cap itself is tried");
        assertTrue(found.probes() <= 12, "the ladder alone: " + asked);
    }

    @Test
    void refusedEvenAtTheSmallestSaysNothingPassed() throws Failure {
        Found found = WallSearch.find(10, 1000, wallAt(5, "400"));
        assertEquals(new Found(0, 10L, "400", 1), found);
    }

    @Test
    void aNonMonotoneWallIsReportedAtTheLowestWallTheLadderMeets() throws Failure {
        // passes to 100, refused 101-200, passes again 201-300, refused beyond
        WallSearch.Probe gappy = size -> {
            asked.add(size);
            return size <= 100 || (size > 200 && size <= 300) ? Verdict.PASSED : Verdict.refused("431");
        };
        Found found = WallSearch.find(1, 1000, gappy);
        assertEquals(new Found(100, 101L, "431", found.probes()), found);
        assertTrue(asked.stream().noneMatch(s -> s > 128), "nothing past the first refusal is tried: " + asked);
    }

    @Test
    void aPassAboveTheLadderIsNeverReportedBelowARefusal() throws Failure {
        // a band refused below a band that passes: the bisection may land in either; what it
        // reports is always a size it saw pass just below a size it saw refused
        WallSearch.Probe banded = size -> {
            asked.add(size);
            return size <= 100 || (size > 110 && size <= 127) ? Verdict.PASSED : Verdict.refused("400");
        };
        Found found = WallSearch.find(1, 1000, banded);
        assertEquals(found.largest() + 1, found.smallestRefused());
        assertTrue(asked.contains(found.largest()) && asked.contains(found.smallestRefused()), asked.toString());
    }

    @Test
    void aResetIsARefusalLikeAnyOther() throws Failure {
        // nginx answers 400 to one header line too long, and a proxy without its own page resets
        WallSearch.Probe resets = size -> {
            asked.add(size);
            if (size > 2000) {
                return Verdict.refused("reset");
            }
            return size > 1500 ? Verdict.refused("400") : Verdict.PASSED;
        };
        Found found = WallSearch.find(1, 64 * 1024, resets);
        assertEquals(new Found(1500, 1501L, "400", found.probes()), found, "the refusal nearest the wall says how");
        Found onlyResets =
                WallSearch.find(1, 64 * 1024, size -> size > 777 ? Verdict.refused("reset") : Verdict.PASSED);
        assertEquals(new Found(777, 778L, "reset", onlyResets.probes()), onlyResets);
    }

    @Test
    void boundedAtFortyOneRequestsForAGibibyte() throws Failure {
        for (long wall : new long[] {0, 1, 3, 1 << 20, (1 << 29) + 12_345, (1L << 30) - 1, 1L << 30}) {
            asked.clear();
            Found found = WallSearch.find(0, 1L << 30, wallAt(wall, "413"));
            assertEquals(wall, found.largest());
            assertTrue(found.probes() <= 41, found.probes() + " requests for a wall at " + wall);
        }
    }

    @Test
    void aProbeThatCannotBeMadeEndsTheSearch() {
        Failure gone = new Failure(Failure.Kind.CANNOT_CONNECT, "cannot connect to x: refused");
        assertEquals(
                gone,
                assertThrows(
                        Failure.class,
                        () -> WallSearch.find(0, 100, size -> {
                            throw gone;
                        })));
    }
}
