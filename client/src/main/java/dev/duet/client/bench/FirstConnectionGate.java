package dev.duet.client.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Lets one call through at a time until one has been answered, then all at once: so the streams
 * of an HTTP/2 load share the one connection the first call made. Without it each of the first
 * calls dials a connection of its own before any is there to share (OkHttp keeps one, closes the
 * rest), and the server sees as many connections as streams.
 */
final class FirstConnectionGate implements Interceptor {
    private final Semaphore turn = new Semaphore(1);
    private volatile boolean open;

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (open) {
            return chain.proceed(chain.request());
        }
        try {
            turn.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the first connection");
        }
        try {
            Response response = chain.proceed(chain.request());
            open = true;
            return response;
        } finally {
            turn.release();
        }
    }
}
