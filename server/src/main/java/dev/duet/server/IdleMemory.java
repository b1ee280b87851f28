package dev.duet.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives memory back to the system once the server goes quiet. G1 keeps the heap a burst of load
 * made it commit (hundreds of MiB on a large machine, whose default heap is sized from its RAM);
 * a periodic collection after a quiet spell shrinks it, and tighter free-space ratios let it
 * shrink to near what is live rather than three times that. These are "manageable" JVM flags, so
 * they can be set from inside; any of them given on the command line wins, and
 * {@code -XX:G1PeriodicGCInterval=0} turns the periodic collection off.
 */
final class IdleMemory {
    static final Duration QUIET = Duration.ofSeconds(3);

    record Flag(String name, String value) {}

    /** In the order they are set: the minimum ratio first, as the maximum must stay above it. */
    static final List<Flag> FLAGS = List.of(
            new Flag("G1PeriodicGCInterval", Long.toString(QUIET.toMillis())),
            new Flag("MinHeapFreeRatio", "10"),
            new Flag("MaxHeapFreeRatio", "30"));

    private IdleMemory() {}

    /** Sets the flags on a background thread: loading the management classes takes ~30 ms. */
    static void returnWhenQuiet() {
        Thread thread = new Thread(IdleMemory::apply, "duet-idle-memory");
        thread.setDaemon(true);
        thread.start();
    }

    /** Sets each flag still at its default; returns the names of those it set. */
    static List<String> apply() {
        Logger log = LoggerFactory.getLogger("duet-server");
        List<String> set = new ArrayList<>();
        HotSpotDiagnosticMXBean vm;
        try {
            vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (IllegalArgumentException e) {
            log.debug("heap not set to shrink when idle: not a HotSpot JVM");
            return set;
        }
        for (Flag flag : FLAGS) {
            try {
                if (vm.getVMOption(flag.name()).getOrigin() == VMOption.Origin.DEFAULT) {
                    vm.setVMOption(flag.name(), flag.value());
                    set.add(flag.name());
                }
            } catch (IllegalArgumentException | UnsupportedOperationException | SecurityException e) {
                // no such flag on this JVM, or a value given for another flag rules this one out
                // (MaxHeapFreeRatio below a MinHeapFreeRatio set on the command line)
                log.debug("{} left as it is: {}", flag.name(), e.toString());
            }
        }
        return set;
    }
}
