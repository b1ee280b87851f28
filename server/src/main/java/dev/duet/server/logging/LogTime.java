package dev.duet.server.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The one time format of every log line, text or JSON: ISO-8601 to the millisecond, with the offset. */
public final class LogTime {
    /** What slf4j-simple is configured to print (simplelogger.properties), so all lines agree. */
    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneId.systemDefault());

    private LogTime() {}

    public static String of(Instant instant) {
        return FORMAT.format(instant);
    }
}
