package dev.duet.client.limits;

import dev.duet.client.Failure;

/**
 * The size at which a path starts refusing, found with few requests: a ladder of doubling sizes
 * up to the first refusal, then a binary search between the last size that passed and it. A
 * path whose refusals do not grow with size (a wall, a gap, then sizes that pass again) is
 * reported at the lowest wall the ladder meets: past a refusal nothing larger is tried, since a
 * size just above one that was refused is not to be relied on, whatever a larger one did.
 *
 * <p>Bounded: the ladder starts no lower than {@code cap / 1024}, so it climbs at most 11 rungs,
 * and the search halves a gap of at most {@code cap / 2}: with the first probe, at most 41
 * requests for a cap of 1 GiB, 31 for 1 MiB.
 */
public final class WallSearch {
    private WallSearch() {}

    /** What one request of a given size met. */
    public record Verdict(boolean passed, String refusedAs) {
        public static final Verdict PASSED = new Verdict(true, null);

        /** @param how a status ({@code 413}), how the connection ended ({@code reset}), or a close code */
        public static Verdict refused(String how) {
            return new Verdict(false, how);
        }
    }

    /** Sends one request of {@code size} and says what it met. */
    @FunctionalInterface
    public interface Probe {
        Verdict at(long size) throws Failure;
    }

    /**
     * What the search found.
     *
     * @param largest         the largest size that passed; 0 when even the smallest was refused
     * @param smallestRefused the smallest size refused; null when every size up to the cap passed
     * @param refusedAs       how that one was refused; null with it
     * @param probes          how many requests it took
     */
    public record Found(long largest, Long smallestRefused, String refusedAs, int probes) {}

    /**
     * Searches sizes from {@code min} to {@code cap}.
     *
     * @throws Failure when a probe cannot be made at all (the server is gone): no wall to report
     */
    public static Found find(long min, long cap, Probe probe) throws Failure {
        int probes = 1;
        Verdict first = probe.at(min);
        if (!first.passed()) {
            return new Found(0, min, first.refusedAs(), probes);
        }
        long passed = min;
        long refused = -1;
        String how = null;
        for (long size = Math.max(min + 1, cap / 1024); passed < cap; size = Math.max(size, passed) * 2) {
            size = Math.min(size, cap);
            Verdict v = probe.at(size);
            probes++;
            if (!v.passed()) {
                refused = size;
                how = v.refusedAs();
                break;
            }
            passed = size;
        }
        if (refused < 0) {
            return new Found(passed, null, null, probes);
        }
        while (refused - passed > 1) {
            long middle = passed + (refused - passed) / 2;
            Verdict v = probe.at(middle);
            probes++;
            if (v.passed()) {
                passed = middle;
            } else {
                refused = middle;
                how = v.refusedAs(); // the refusal nearest the wall says how the wall refuses
            }
        }
        return new Found(passed, refused, how, probes);
    }
}
