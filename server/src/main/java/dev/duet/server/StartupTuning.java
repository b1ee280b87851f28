package dev.duet.server;

/** System properties that spare Jetty work at start-up; a -D on the command line still wins. */
final class StartupTuning {
    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
    private static final long COMPRESSED_OOPS_LIMIT = 32L << 30;

    private StartupTuning() {}

    static void apply() {
        // Jetty pads hot fields by the number of references in a 64-byte cache line. Unless told,
        // it asks the platform MBean server, which starts all of JMX (~25 ms). Below 32 GiB of heap
        // the JVM compresses references to 4 bytes: 16 a line; above, 8 bytes: 8 a line.
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            boolean compressed = Runtime.getRuntime().maxMemory() < COMPRESSED_OOPS_LIMIT;
            System.setProperty(REFERENCES_PER_CACHE_LINE, compressed ? "16" : "8");
        }
    }
}
