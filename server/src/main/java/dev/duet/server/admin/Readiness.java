package dev.duet.server.admin;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance should be sent traffic, as /readyz says: ready while the echo listener
 * accepts; not once SIGTERM has come (draining), nor while disabled by hand (to show a load
 * balancer failing over). Every change is logged.
 */
public final class Readiness {
    private static final String DRAINING = "draining";
    private static final String DISABLED = "disabled by hand (POST /readyz/enable to undo)";

    private final Logger log = LoggerFactory.getLogger("duet-server");
    private final AtomicReference<String> notReady = new AtomicReference<>();

    /** Empty when ready; else why not. */
    public Optional<String> notReadyBecause() {
        return Optional.ofNullable(notReady.get());
    }

    /** From SIGTERM on: never ready again. */
    public void drain() {
        notReady.set(DRAINING);
    }

    void disable() {
        if (notReady.compareAndSet(null, DISABLED)) {
            log.info("readiness disabled by hand (POST /readyz/disable): /readyz answers 503");
        }
    }

    /** Ready again, unless draining: false then, for nothing undoes a SIGTERM. */
    boolean enable() {
        if (notReady.compareAndSet(DISABLED, null)) {
            log.info("readiness enabled by hand (POST /readyz/enable): /readyz answers 200");
        }
        return !DRAINING.equals(notReady.get());
    }
}
