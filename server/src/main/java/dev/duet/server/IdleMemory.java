package dev.duet.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives memory back to the system once the server goes quiet. G1 keeps the heap a burst of load
 * made it commit (hundreds of MiB on a large machine, whose default heap is sized from its RAM);
 * a periodic collection after a quiet spell shrinks it back to what is live. The interval is a
 * "manageable" JVM flag, so it can be set from inside; one given on the command line wins, and
 * {@code -XX:G1PeriodicGCInterval=0} turns this off.
 */
final class IdleMemory {
    static final Duration QUIET = Duration.ofSeconds(3);
    private static final String FLAG = "G1PeriodicGCInterval";

    private IdleMemory() {
    }

    /** Sets the flag on a background thread: loading the management classes takes ~30 ms. */
    static void returnWhenQuiet() {
        Thread thread = new Thread(IdleMemory::apply, "duet-idle-memory");
        thread.setDaemon(true);
        thread.start();
    }

    /** True when it set the interval; false when one was given already, or the JVM has no such flag. */
    static boolean apply() {
        Logger log = LoggerFactory.getLogger("duet-server");
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm.getVMOption(FLAG).getOrigin() == VMOption.Origin.DEFAULT) {
                vm.setVMOption(FLAG, Long.toString(QUIET.toMillis()));
                return true;
            }
            return false;
        } catch (IllegalArgumentException | UnsupportedOperationException | SecurityException e) {
            // not HotSpot, or not G1 on a JVM without the flag: the heap stays as the JVM sizes it
            log.debug("heap not set to shrink when idle: {}", e.toString());
            return false;
        }
    }
}
