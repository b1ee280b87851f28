package dev.duet.server.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * {@code --log-format json}: every log line — the server's, Jetty's, Javalin's — as one JSON object
 * ({@code time}, {@code level}, {@code logger}, {@code message}) on stdout, for log shippers. It is
 * chosen at start-up through SLF4J's {@code slf4j.provider} property, so text logging keeps
 * slf4j-simple and its configuration; the levels come from the same simplelogger.properties.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
    private static final String PREFIX = "org.slf4j.simpleLogger.log.";

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final Properties levels = new Properties();
    private final PrintStream out = System.out;

    /**
     * Makes SLF4J use this provider; must run before the first logger is asked for. SLF4J says on
     * standard error, as plain text, that it loads a provider so named ("SLF4J(I): Attempting to
     * load provider …"): its own reports are kept to warnings, which a working setup never has.
     */
    public static void select() {
        System.setProperty("slf4j.provider", JsonLogProvider.class.getName());
        System.setProperty("slf4j.internal.verbosity", "WARN");
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return name -> loggers.computeIfAbsent(name, n -> new JsonLogger(n, levelOf(n)));
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return new BasicMarkerFactory();
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return new NOPMDCAdapter();
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        try (InputStream in = JsonLogProvider.class.getResourceAsStream("/simplelogger.properties")) {
            if (in != null) {
                levels.load(in);
            }
        } catch (IOException e) {
            // no configuration: INFO everywhere
        }
    }

    /** The most specific level configured for the logger's name or a dotted prefix of it; -D wins. */
    private Level levelOf(String name) {
        for (String prefix = name; !prefix.isEmpty(); ) {
            String level = System.getProperty(PREFIX + prefix, levels.getProperty(PREFIX + prefix));
            if (level != null) {
                return parse(level);
            }
            int dot = prefix.lastIndexOf('.');
            prefix = dot < 0 ? "" : prefix.substring(0, dot);
        }
        String fallback = System.getProperty(
                "org.slf4j.simpleLogger.defaultLogLevel", levels.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));
        return fallback == null ? Level.INFO : parse(fallback);
    }

    /** {@code off} is above every level: nothing is written. */
    private static Level parse(String level) {
        return switch (level.trim().toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "warn" -> Level.WARN;
            case "error" -> Level.ERROR;
            case "off" -> null;
            default -> Level.INFO;
        };
    }

    private final class JsonLogger extends LegacyAbstractLogger {
        private final Level threshold;

        JsonLogger(String name, Level threshold) {
            this.name = name;
            this.threshold = threshold;
        }

        private boolean enabled(Level level) {
            return threshold != null && level.toInt() >= threshold.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level, Marker marker, String pattern, Object[] arguments, Throwable problem) {
            StringBuilder text = new StringBuilder(160);
            JsonLine line = new JsonLine(text)
                    .string("time", LogTime.of(Instant.now()))
                    .string("level", level.name())
                    .string("logger", name)
                    .string("message", MessageFormatter.basicArrayFormat(pattern, arguments));
            if (problem != null) {
                line.string("error", problem.toString());
            }
            line.end();
            out.print(text);
            out.flush();
        }
    }
}
