package dev.duet.server.http;

import dev.duet.common.ByteSizes;
import dev.duet.common.Durations;
import dev.duet.common.HttpToken;
import dev.duet.common.LogText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;

/**
 * What one answer is to be, as a request's controls or the instance's defaults chose it
 * ({@link ControlPlan}, where a weighted choice is drawn), so a client, proxy or load balancer can
 * be tested against a chosen status, delay, size, header or failure while the echoed target stays
 * exactly as sent:
 *
 * <pre>
 * X-Duet-Status: 503            any status from 200 to 599
 * X-Duet-Delay: 250ms           answer this much later (at most --max-delay)
 * X-Duet-Size: 1MiB             a body of exactly this many bytes (at most --max-body)
 * X-Duet-Header: Name: value    add this header to the answer (repeatable)
 * X-Duet-Header-Size: 20KiB     pad the answer's headers: X-Duet-Padding, a value this long (at most 64KiB)
 * X-Duet-Trickle: 5s            send the body in pieces spread over this time (at most --max-delay)
 * X-Duet-Fault: close|reset|hang|cut   close without answering, reset the connection, never
 *                               answer, or send the headers and half the body, then close
 * X-Duet-Stream: 10x200ms       the answer in 10 chunks 200 ms apart
 * </pre>
 *
 * Each also works as a query parameter ({@code ?duet-status=503}). The value parsers here say what
 * they expected; {@link ControlPlan} names the header, parameter or option the value came from.
 *
 * @param status  the status to answer with; 200 when not asked
 * @param delay   how long to wait before answering (or failing)
 * @param size    the body's length in bytes, or -1 for the echo itself
 * @param headers headers to add to the answer
 * @param padding the length of an X-Duet-Padding value to add, or 0 for none
 * @param trickle the time over which the body is sent in pieces; zero for all at once
 * @param stream  the answer in chunks over time, or null for all at once
 */
record ResponseControls(
        int status,
        Duration delay,
        long size,
        List<HttpField> headers,
        int padding,
        Duration trickle,
        Fault fault,
        Stream stream) {
    static final ResponseControls NONE =
            new ResponseControls(200, Duration.ZERO, -1, List.of(), 0, Duration.ZERO, Fault.NONE, null);

    /**
     * The longest X-Duet-Header-Size: past the 16 KiB at which many proxies refuse an answer's
     * headers, and within what the server's answer buffer takes ({@link #MAX_ANSWER_HEAD}).
     */
    static final int MAX_PADDING = 64 * 1024;

    /** The largest answer head the server writes: the padding, and room for every other header. */
    static final int MAX_ANSWER_HEAD = MAX_PADDING + 16 * 1024;

    /** The header X-Duet-Header-Size adds. */
    static final String PADDING = "X-Duet-Padding";

    private static final String PREFIX = "X-Duet-";
    /** Headers that frame the message: set by a client, they would break the answer, not test it. */
    private static final Set<String> FRAMING =
            Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer");

    private static final int MAX_CHUNKS = 10_000;

    enum Fault {
        NONE,
        /** Close the connection without an answer. */
        CLOSE,
        /** Reset the connection (TCP RST): what a crashed peer or a firewall does. */
        RESET,
        /** Never answer; the connection stays until the idle timeout or the client gives up. */
        HANG,
        /** Send the headers and half the body, then close: an answer cut short mid-stream. */
        CUT
    }

    /**
     * The answer sent in {@code chunks} pieces, {@code interval} apart: the first at once (after any
     * delay), the last {@code (chunks - 1) * interval} later.
     */
    record Stream(int chunks, Duration interval) {
        Duration length() {
            return interval.multipliedBy(chunks - 1L);
        }

        @Override
        public String toString() {
            return chunks + "x" + Durations.format(interval);
        }
    }

    /** What follows {@code X-Duet-} in a name {@link DuetHeaders#isDuet} accepted. */
    static String control(String name) {
        return name.substring(PREFIX.length());
    }

    /** The controls that change this answer, each counted once ({@code duet_controls_applied_total}). */
    List<ControlPlan.Control> applied() {
        List<ControlPlan.Control> applied = new ArrayList<>(2);
        if (status != NONE.status) {
            applied.add(ControlPlan.Control.STATUS);
        }
        if (!delay.isZero()) {
            applied.add(ControlPlan.Control.DELAY);
        }
        if (size >= 0) {
            applied.add(ControlPlan.Control.SIZE);
        }
        if (!headers.isEmpty()) {
            applied.add(ControlPlan.Control.HEADER);
        }
        if (padding > 0) {
            applied.add(ControlPlan.Control.HEADER_SIZE);
        }
        if (!trickle.isZero()) {
            applied.add(ControlPlan.Control.TRICKLE);
        }
        if (fault != Fault.NONE) {
            applied.add(ControlPlan.Control.FAULT);
        }
        if (stream != null) {
            applied.add(ControlPlan.Control.STREAM);
        }
        return applied;
    }

    static int status(String value) {
        try {
            int status = Integer.parseInt(value);
            if (status >= 200 && status <= 599) {
                return status;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("expected a status from 200 to 599, got " + LogText.quote(value));
    }

    static Duration delay(String value, Duration max) {
        Duration delay = Durations.parse(value);
        if (delay.isNegative() || delay.compareTo(max) > 0) { // negative: so long it overflowed
            throw new IllegalArgumentException(
                    value + " is longer than this server allows (--max-delay " + Durations.format(max) + ")");
        }
        return delay;
    }

    static long size(String value, long max) {
        return size(value, max, "--max-body " + ByteSizes.format(max));
    }

    /** X-Duet-Header-Size: a padding of at most {@link #MAX_PADDING}, fixed whatever the options. */
    static int padding(String value) {
        return (int) size(value, MAX_PADDING, ByteSizes.format(MAX_PADDING));
    }

    /** @param limit what the refusal names as the server's limit */
    private static long size(String value, long max, String limit) {
        long size = ByteSizes.parse(value);
        if (size > max) {
            throw new IllegalArgumentException(value + " is larger than this server allows (" + limit + ")");
        }
        return size;
    }

    static HttpField header(String value) {
        int colon = value.indexOf(':');
        String name = colon < 0 ? "" : value.substring(0, colon).trim();
        if (!HttpToken.is(name)) {
            throw new IllegalArgumentException("expected \"Name: value\", got " + LogText.quote(value));
        }
        if (FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(name + " frames the answer; the server sets it");
        }
        return new HttpField(name, value.substring(colon + 1).trim());
    }

    static Fault fault(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "close" -> Fault.CLOSE;
            case "reset" -> Fault.RESET;
            case "hang" -> Fault.HANG;
            case "cut" -> Fault.CUT;
            default ->
                throw new IllegalArgumentException("expected close, reset, hang or cut, got " + LogText.quote(value));
        };
    }

    /** {@code NxINTERVAL}: 1 to 10000 chunks, the whole stream no longer than {@code max}. */
    static Stream stream(String value, Duration max) {
        int x = value.indexOf('x');
        int chunks = 0;
        Duration interval = null;
        if (x > 0) {
            try {
                chunks = Integer.parseInt(value.substring(0, x));
                interval = Durations.parse(value.substring(x + 1));
            } catch (IllegalArgumentException e) { // NumberFormatException too
                chunks = 0;
            }
        }
        if (chunks < 1 || chunks > MAX_CHUNKS || interval == null) {
            throw new IllegalArgumentException("expected CHUNKSxINTERVAL such as 10x200ms (1 to " + MAX_CHUNKS
                    + " chunks), got " + LogText.quote(value));
        }
        Stream stream = new Stream(chunks, interval);
        if (stream.length().compareTo(max) > 0 || stream.length().isNegative()) {
            throw new IllegalArgumentException(
                    value + " lasts longer than this server allows (--max-delay " + Durations.format(max) + ")");
        }
        return stream;
    }
}
