package dev.duet.client.http;

import java.security.Security;

/**
 * Starts the JDK's security providers on a thread of its own while the command line is read.
 * OkHttp's first call chooses its TLS platform by asking for them, even for http://, and starting
 * them all took about 30 ms of a one-shot run's 100-160 (`-Xlog:class+init` shows the main thread
 * waiting in that). A named class rather than a lambda: a lambda's first use costs linking of its
 * own before the thread can start.
 */
public final class SecurityProvidersWarmUp implements Runnable {
    private SecurityProvidersWarmUp() {}

    /** Starts the warm-up; a daemon thread, so it never holds the process open. */
    public static void start() {
        Thread thread = new Thread(new SecurityProvidersWarmUp(), "duet-providers-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        Security.getProviders();
    }
}
