package dev.duet.common;

/**
 * The standard {@code Server-Timing} header (W3C Server Timing) as Duet writes and reads it: the
 * server's own time for a request, from its first byte to the answer, on the server's one clock
 * ({@code duet;dur=0.042}, in milliseconds), and the delay a request asked for as a metric of its
 * own ({@code delay;dur=200}). The client subtracts it from what it measured on its own clock to
 * get the time spent on the path; no two hosts' wall clocks are ever compared.
 */
public final class ServerTiming {
    public static final String HEADER = "Server-Timing";
    public static final String METRIC = "duet";
    public static final String DELAY_METRIC = "delay";

    private ServerTiming() {}

    /** The header's value for a request the server spent {@code nanos} on, {@code delayNanos} of them asked for. */
    public static String format(long nanos, long delayNanos) {
        StringBuilder value = new StringBuilder(40).append(METRIC).append(";dur=");
        millis(value, nanos);
        if (delayNanos > 0) {
            millis(value.append(", ").append(DELAY_METRIC).append(";dur="), delayNanos);
        }
        return value.toString();
    }

    /** Milliseconds to the microsecond, without the cost of a general number formatter. */
    private static void millis(StringBuilder out, long nanos) {
        long micros = Math.max(0, nanos) / 1000;
        long fraction = micros % 1000;
        out.append(micros / 1000).append('.');
        if (fraction < 100) {
            out.append(fraction < 10 ? "00" : "0");
        }
        out.append(fraction);
    }

    /**
     * The duration of {@code metric} in one {@code Server-Timing} value (which may list several
     * metrics, from several hops).
     *
     * @return milliseconds, or -1 when the value has no such metric with a duration
     */
    public static double millis(String value, String metric) {
        for (String entry : value.split(",")) {
            String[] params = entry.split(";");
            if (!params[0].trim().equals(metric)) {
                continue;
            }
            for (int i = 1; i < params.length; i++) {
                String param = params[i].trim();
                if (param.startsWith("dur=")) {
                    try {
                        double ms = Double.parseDouble(param.substring(4));
                        return ms >= 0 && Double.isFinite(ms) ? ms : -1;
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }
}
