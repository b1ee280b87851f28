package dev.duet.server.admin;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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
    private final List<Consumer<Boolean>> followers = new CopyOnWriteArrayList<>();

    /** Tells {@code follower} whether ready after every change (gRPC's health service follows /readyz). */
    public void onChange(Consumer<Boolean> follower) {
        followers.add(follower);
    }

    private void changed() {
        boolean ready = notReady.get() == null;
        followers.forEach(f -> f.accept(ready));
    }

    /** Empty when ready; else why not. */
    public Optional<String> notReadyBecause() {
        return Optional.ofNullable(notReady.get());
    }

    /** From SIGTERM on: never ready again. */
    public void drain() {
        notReady.set(DRAINING);
        changed();
    }

    void disable() {
        if (notReady.compareAndSet(null, DISABLED)) {
            log.info("readiness disabled by hand (POST /readyz/disable): /readyz answers 503");
            changed();
        }
    }

    /** Ready again, unless draining: false then, for nothing undoes a SIGTERM. */
    boolean enable() {
        if (notReady.compareAndSet(DISABLED, null)) {
            log.info("readiness enabled by hand (POST /readyz/enable): /readyz answers 200");
            changed();
        }
        return !DRAINING.equals(notReady.get());
    }
}
