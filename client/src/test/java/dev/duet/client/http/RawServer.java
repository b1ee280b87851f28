package dev.duet.client.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A hand-written HTTP server for one connection: it reads the request head, hands it to the test,
 * and answers with whatever the test writes, malformed or not. For the answers no real server
 * gives.
 */
public final class RawServer implements AutoCloseable {
    /** What to send once the request head is in; the connection closes when it returns. */
    @FunctionalInterface
    interface Answer {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket listener;
    private final CompletableFuture<String> head = new CompletableFuture<>();

    RawServer(Answer answer) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> serve(answer), "raw-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** A server that sends these bytes and closes. */
    public static RawServer answering(String bytes) throws IOException {
        return new RawServer(out -> out.write(bytes.getBytes(StandardCharsets.ISO_8859_1)));
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    /** The request line and headers the client sent. */
    String requestHead() throws Exception {
        return head.get();
    }

    /** Answers every connection the same way, until closed; the first request's head is kept. */
    private void serve(Answer answer) {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                int last4 = 0;
                for (int b; last4 != 0x0d0a0d0a && (b = in.read()) >= 0; ) {
                    last4 = (last4 << 8) | b; // the head ends at CR LF CR LF
                    bytes.write(b);
                }
                head.complete(bytes.toString(StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream();
                answer.write(out);
                out.flush();
            } catch (IOException | InterruptedException e) {
                head.completeExceptionally(e); // the test sees what the client saw
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
