package dev.duet.common;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Waits for SIGTERM or SIGINT. Handling the signals ourselves (rather than in a shutdown hook)
 * lets a program finish its work and then exit 0, as a service stopped on purpose should; the
 * JVM's default would exit 143 or 130.
 */
public final class ShutdownSignal {
    private final CountDownLatch received = new CountDownLatch(1);
    private volatile String name = "";

    private ShutdownSignal() {}

    public static ShutdownSignal install() {
        ShutdownSignal signal = new ShutdownSignal();
        for (String s : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(s), sig -> signal.fire("SIG" + sig.getName()));
        }
        return signal;
    }

    private void fire(String signalName) {
        name = signalName;
        received.countDown();
    }

    /** Whether a signal has arrived, without waiting for one. */
    public boolean received() {
        return received.getCount() == 0;
    }

    /** Blocks until a signal arrives; returns its name, such as {@code SIGTERM}. */
    public String await() throws InterruptedException {
        received.await();
        return name;
    }
}
