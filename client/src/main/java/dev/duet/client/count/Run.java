package dev.duet.client.count;

import dev.duet.common.RunHeaders;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run of requests that the server counts too ({@link RunHeaders}): an id fresh for every run,
 * and the numbers handed out to its requests, from 1. Safe to number from several threads.
 */
public final class Run {
    private final String id;
    private final AtomicInteger numbers = new AtomicInteger();

    private Run(String id) {
        this.id = id;
    }

    /**
     * A new run. Its id is 64 random bits: unique enough among the runs one server remembers, and
     * made without SecureRandom, whose start would cost a one-shot client more than its request.
     */
    public static Run start() {
        return new Run(String.format("%016x", ThreadLocalRandom.current().nextLong()));
    }

    public String id() {
        return id;
    }

    /** The next request's number. */
    public int next() {
        return numbers.incrementAndGet();
    }

    /** How many numbers were handed out: the requests the run sent, or tried to. */
    public int sent() {
        return numbers.get();
    }

    /**
     * Whether an answer to request {@code seq} came from the server for that very request: its
     * {@code X-Duet-Seen} names this run and that number.
     *
     * @param seen the answer's X-Duet-Seen, or null when it had none
     */
    public boolean answeredByServer(int seq, RunHeaders.Seen seen) {
        return seen != null && seen.seq() == seq && seen.run().equals(id);
    }
}
