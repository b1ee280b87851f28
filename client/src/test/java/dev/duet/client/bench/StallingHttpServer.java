package dev.duet.client.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A keep-alive HTTP/1.1 server that answers {@code ok} at once, except that once, a while after
 * its start, it stops answering anybody for a while: what a GC pause or a stalled disk looks like
 * from outside. Thread per connection, GET only: enough to show what a load tool records of it.
 */
final class StallingHttpServer implements AutoCloseable {
    private static final byte[] ANSWER = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final long stallAt;
    private final long stallNanos;
    private final AtomicBoolean stalled = new AtomicBoolean();
    private volatile long stallUntil;

    StallingHttpServer(Duration after, Duration stall) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        stallAt = System.nanoTime() + after.toNanos();
        stallNanos = stall.toNanos();
        Thread acceptor = new Thread(this::accept, "stalling-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String target) {
        return "http://127.0.0.1:" + listener.getLocalPort() + target;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread connection = new Thread(() -> serve(socket), "stalling-conn");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream()) {
            socket.setTcpNoDelay(true);
            int matched = 0; // of "\r\n\r\n", the end of a request's headers
            int b;
            while ((b = in.read()) >= 0) {
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == 4) {
                    matched = 0;
                    holdWhileStalled();
                    out.write(ANSWER);
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the test is over
        }
    }

    private void holdWhileStalled() throws InterruptedException {
        long now = System.nanoTime();
        if (now >= stallAt && stalled.compareAndSet(false, true)) {
            stallUntil = now + stallNanos;
        }
        long left;
        while ((left = stallUntil - System.nanoTime()) > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000)); // the stall itself, not a wait for readiness
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
