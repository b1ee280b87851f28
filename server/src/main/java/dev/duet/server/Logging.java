package dev.duet.server;

/**
 * Configures slf4j-simple before the first logger exists: one line per event on stdout with a
 * timestamp, and Jetty's and Javalin's chatter kept to warnings.
 */
final class Logging {
    private Logging() {}

    static void configure() {
        setDefault("org.slf4j.simpleLogger.logFile", "System.out");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        setDefault("org.slf4j.simpleLogger.log.io.javalin", "warn");
        // Main reports a failed start itself, in one line
        setDefault("org.slf4j.simpleLogger.log.io.javalin.Javalin", "off");
    }

    /** A -D on the command line still wins, so a user can turn any logger up for debugging. */
    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
