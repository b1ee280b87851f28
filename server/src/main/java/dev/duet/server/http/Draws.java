package dev.duet.server.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The numbers weighted controls are drawn with: the Nth draw of a run is a function of the seed and
 * N alone (SplitMix64's mixer), so a run with the same {@code --seed} draws the same sequence, and
 * no generator state is shared between threads but one counter, touched only by requests that ask
 * for a weighted choice. Requests made one after another get the same answers run after run;
 * concurrent ones share the same sequence in whatever order they arrive.
 */
final class Draws {
    private final long seed;
    private final AtomicLong drawn = new AtomicLong();

    Draws(long seed) {
        this.seed = seed;
    }

    long seed() {
        return seed;
    }

    /** The next request's draws: one number per control, each in [0, 100). */
    Request next() {
        return new Request(seed, drawn.getAndIncrement());
    }

    /** The draws of one request. */
    record Request(long seed, long number) {
        /** The percentile drawn for the {@code control}-th control of this request. */
        double percent(int control) {
            long bits = mix(seed + (number * 16 + control) * 0x9E3779B97F4A7C15L);
            return (bits >>> 11) * 0x1.0p-53 * 100;
        }
    }

    /** SplitMix64's finaliser: every bit of the input changes about half the bits of the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
