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
import org.eclipse.jetty.http.HttpFields;

/**
 * What a request asks of its answer through {@code X-Duet-*} headers, so a client, proxy or load
 * balancer can be tested against a chosen status, delay, size, header or failure while the echoed
 * target stays exactly as sent:
 *
 * <pre>
 * X-Duet-Status: 503            any status from 200 to 599
 * X-Duet-Delay: 250ms           answer this much later (at most --max-delay)
 * X-Duet-Size: 1MiB             a body of exactly this many bytes (at most --max-body)
 * X-Duet-Header: Name: value    add this header to the answer (repeatable)
 * X-Duet-Fault: close|reset|hang   close without answering, reset the connection, never answer
 * </pre>
 *
 * A value that does not parse, or an {@code X-Duet-} header not listed here, is refused with
 * the reason, so a typo never passes for a control that did nothing.
 *
 * @param status  the status to answer with; 200 when not asked
 * @param delay   how long to wait before answering (or failing)
 * @param size    the body's length in bytes, or -1 for the echo itself
 * @param headers headers to add to the answer
 */
record ResponseControls(int status, Duration delay, long size, List<HttpField> headers, Fault fault) {
    static final ResponseControls NONE = new ResponseControls(200, Duration.ZERO, -1, List.of(), Fault.NONE);

    private static final String PREFIX = "X-Duet-";
    /** Headers that frame the message: set by a client, they would break the answer, not test it. */
    private static final Set<String> FRAMING =
            Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer");

    enum Fault {
        NONE,
        /** Close the connection without an answer. */
        CLOSE,
        /** Reset the connection (TCP RST): what a crashed peer or a firewall does. */
        RESET,
        /** Never answer; the connection stays until the idle timeout or the client gives up. */
        HANG
    }

    /**
     * The controls the headers ask for.
     *
     * @throws IllegalArgumentException with a one-line reason, naming the header, when one is wrong
     */
    static ResponseControls parse(HttpFields fields, Duration maxDelay, long maxSize) {
        int status = NONE.status;
        Duration delay = NONE.delay;
        long size = NONE.size;
        List<HttpField> headers = new ArrayList<>();
        Fault fault = Fault.NONE;
        for (HttpField field : fields) {
            String name = field.getName();
            if (!DuetHeaders.isDuet(name) || RunTag.owns(name)) {
                continue;
            }
            String value = field.getValue().trim();
            switch (name.substring(PREFIX.length()).toLowerCase(Locale.ROOT)) {
                case "status" -> status = status(value);
                case "delay" -> delay = delay(value, maxDelay);
                case "size" -> size = size(value, maxSize);
                case "header" -> headers.add(header(value));
                case "fault" -> fault = fault(value);
                default ->
                    throw new IllegalArgumentException(
                            "unknown control " + LogText.quote(name) + "; the controls are X-Duet-Status, X-Duet-Delay,"
                                    + " X-Duet-Size, X-Duet-Header and X-Duet-Fault");
            }
        }
        return new ResponseControls(status, delay, size, List.copyOf(headers), fault);
    }

    private static int status(String value) {
        try {
            int status = Integer.parseInt(value);
            if (status >= 200 && status <= 599) {
                return status;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(
                "X-Duet-Status: expected a status from 200 to 599, got " + LogText.quote(value));
    }

    private static Duration delay(String value, Duration max) {
        Duration delay;
        try {
            delay = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("X-Duet-Delay: " + e.getMessage());
        }
        if (delay.isNegative() || delay.compareTo(max) > 0) { // negative: so long it overflowed
            throw new IllegalArgumentException("X-Duet-Delay: " + value
                    + " is longer than this server allows (--max-delay " + Durations.format(max) + ")");
        }
        return delay;
    }

    private static long size(String value, long max) {
        long size;
        try {
            size = ByteSizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("X-Duet-Size: " + e.getMessage());
        }
        if (size > max) {
            throw new IllegalArgumentException("X-Duet-Size: " + value
                    + " is larger than this server allows (--max-body " + ByteSizes.format(max) + ")");
        }
        return size;
    }

    private static HttpField header(String value) {
        int colon = value.indexOf(':');
        String name = colon < 0 ? "" : value.substring(0, colon).trim();
        if (!HttpToken.is(name)) {
            throw new IllegalArgumentException("X-Duet-Header: expected \"Name: value\", got " + LogText.quote(value));
        }
        if (FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("X-Duet-Header: " + name + " frames the answer; the server sets it");
        }
        return new HttpField(name, value.substring(colon + 1).trim());
    }

    private static Fault fault(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "close" -> Fault.CLOSE;
            case "reset" -> Fault.RESET;
            case "hang" -> Fault.HANG;
            default ->
                throw new IllegalArgumentException(
                        "X-Duet-Fault: expected close, reset or hang, got " + LogText.quote(value));
        };
    }
}
