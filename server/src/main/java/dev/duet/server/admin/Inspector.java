package dev.duet.server.admin;

import dev.duet.server.logging.JsonLine;
import dev.duet.server.metrics.Activity;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the live request inspector shows: the last requests and stream connections, and how many
 * requests came each second of the last minute. The echo servers report to it off their echo path
 * ({@link Activity}); each browser watching gets every event through a queue of its own, and a
 * browser that reads too slowly loses events (they are counted) rather than holding anything up or
 * growing memory: the history, the queues and the per-second counts are all bounded.
 *
 * <p>Events are kept as they came and rendered to JSON once, here, only while a page watches;
 * request data in them is the client's, escaped as JSON strings, and the page shows it as text only.
 */
public final class Inspector implements Activity {
    static final int RATE_SECONDS = 60;
    private static final int QUEUE = 1024;

    private final int historySize;
    /** The last events as they came, rendered only when a page asks: most of the time none watches. */
    private final Deque<Numbered> history = new ArrayDeque<>();
    /** The number the next event gets: a page asks for a request's detail by it. */
    private long next = 1;

    private final Set<Watcher> watchers = new CopyOnWriteArraySet<>();
    private final long[] perSecond = new long[RATE_SECONDS];
    private long latestSecond;

    public Inspector(int historySize) {
        this.historySize = historySize;
    }

    /** One server-sent event: its type and its JSON. */
    record Event(String type, String json) {}

    /** A request or a connection, and its number. */
    private record Numbered(long id, Object activity) {}

    /** A browser's subscription: its queue, and how many events it lost to being slow. */
    static final class Watcher {
        private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);
        private final AtomicLong dropped = new AtomicLong();

        /** The next event, or null after {@code millis} with none. */
        Event next(long millis) throws InterruptedException {
            return queue.poll(millis, TimeUnit.MILLISECONDS);
        }

        long dropped() {
            return dropped.get();
        }

        private void offer(Event event) {
            if (!queue.offer(event)) {
                dropped.incrementAndGet();
            }
        }
    }

    @Override
    public void request(Request r) {
        count(r.epochMillis());
        publish(r);
    }

    @Override
    public void connection(Connection c) {
        publish(c);
    }

    /** The server-sent event for a request or a connection. */
    private static Event render(Numbered numbered) {
        StringBuilder json = new StringBuilder(160);
        Object activity = numbered.activity();
        if (activity instanceof Request r) {
            new JsonLine(json)
                    .number("id", numbered.id())
                    .bool("detail", r.detail() != null)
                    .string("time", Instant.ofEpochMilli(r.epochMillis()).toString())
                    .string("caller", r.caller())
                    .string("method", r.method())
                    .string("target", r.target())
                    .number("status", r.status())
                    .tenths("durationMs", r.micros() / 100)
                    .number("bytes", r.bytes())
                    .end();
            return new Event("request", json.toString().trim());
        }
        Connection c = (Connection) activity;
        new JsonLine(json)
                .string("time", Instant.ofEpochMilli(c.epochMillis()).toString())
                .string("transport", c.transport())
                .number("id", c.id())
                .string("peer", c.peer())
                .string("event", c.open() ? "open" : "close")
                .number("bytes", c.bytes())
                .end();
        return new Event("connection", json.toString().trim());
    }

    /** Starts a browser's subscription; it first gets the history, then every event as it comes. */
    Watcher watch() {
        Watcher watcher = new Watcher();
        synchronized (this) {
            history.forEach(kept -> watcher.offer(render(kept)));
            watchers.add(watcher);
        }
        return watcher;
    }

    void unwatch(Watcher watcher) {
        watchers.remove(watcher);
    }

    /** Requests each second of the last minute, oldest first, as JSON for the chart. */
    synchronized String rates(long nowMillis) {
        advanceTo(nowMillis / 1000);
        List<String> counts = new ArrayList<>(RATE_SECONDS);
        for (int i = 1; i <= RATE_SECONDS; i++) {
            counts.add(Long.toString(perSecond[(int) ((latestSecond + i) % RATE_SECONDS)]));
        }
        return "[" + String.join(",", counts) + "]";
    }

    /** A request still in the history, by its number. */
    synchronized Optional<Request> request(long id) {
        for (Numbered kept : history) {
            if (kept.id() == id && kept.activity() instanceof Request r) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private synchronized void publish(Object activity) {
        Numbered numbered = new Numbered(next++, activity);
        history.addLast(numbered);
        if (history.size() > historySize) {
            history.removeFirst();
        }
        if (!watchers.isEmpty()) {
            Event event = render(numbered);
            for (Watcher watcher : watchers) {
                watcher.offer(event);
            }
        }
    }

    private synchronized void count(long epochMillis) {
        long second = epochMillis / 1000;
        if (second > latestSecond) {
            advanceTo(second);
        }
        if (second > latestSecond - RATE_SECONDS) {
            perSecond[(int) (second % RATE_SECONDS)]++;
        }
    }

    /** Moves the window to end at {@code second}, zeroing the seconds it passes. */
    private void advanceTo(long second) {
        if (second <= latestSecond) {
            return;
        }
        long from = Math.max(latestSecond + 1, second - RATE_SECONDS + 1);
        for (long s = from; s <= second; s++) {
            perSecond[(int) (s % RATE_SECONDS)] = 0;
        }
        latestSecond = second;
    }
}
