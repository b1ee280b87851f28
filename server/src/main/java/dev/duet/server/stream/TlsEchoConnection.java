package dev.duet.server.stream;

import dev.duet.server.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;

/**
 * One TCP client over TLS, on a thread of its own: after the handshake, what it sends, decrypted,
 * goes back encrypted, unchanged and in order, logged and counted as the plain echo's bytes are.
 * TLS connections are few and costly next to plain ones (a handshake, a session's buffers), so a
 * thread blocked in read each is simpler than driving an SSLEngine from the selector loops.
 */
final class TlsEchoConnection implements Runnable {
    private final SSLSocket socket;
    private final ConnectionRecord record;
    private final boolean quiet;
    private final Logger log;
    private final Metrics.Transport metrics;
    private final Consumer<TlsEchoConnection> onClosed;
    private volatile boolean stopping;

    /** @param onClosed told when the connection has ended, to forget it */
    TlsEchoConnection(
            SSLSocket socket,
            ConnectionRecord record,
            boolean quiet,
            Logger log,
            Metrics.Transport metrics,
            Consumer<TlsEchoConnection> onClosed) {
        this.socket = socket;
        this.record = record;
        this.quiet = quiet;
        this.log = log;
        this.metrics = metrics;
        this.onClosed = onClosed;
    }

    @Override
    public void run() {
        try {
            socket.startHandshake();
            log.info(
                    "#{} TLS: {} {}",
                    record.id,
                    socket.getSession().getProtocol(),
                    socket.getSession().getCipherSuite());
            echo(socket.getInputStream(), socket.getOutputStream());
        } catch (IOException e) {
            if (!stopping) {
                log.info("#{} socket error: {}", record.id, e.getMessage());
            }
        } finally {
            boolean first = record.end(); // first, so a client that saw the close finds its place free
            onClosed.accept(this);
            closeQuietly();
            if (first && !stopping) {
                log.info("#{} socket disconnected", record.id);
            }
        }
    }

    private void echo(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[EchoLoop.BUFFER_BYTES];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            metrics.transferred(n, 0);
            String text = quiet ? null : EchoLoop.printable(ByteBuffer.wrap(buffer, 0, n));
            if (!quiet) {
                log.info("#{} receive: {}", record.id, text);
            }
            out.write(buffer, 0, n);
            out.flush();
            record.echoed(n);
            metrics.transferred(0, n);
            if (!quiet) {
                log.info("#{} send: {}", record.id, text);
            }
        }
        // as the plain echo: the client finished sending, so the server ends too
    }

    /** Ends the connection from outside: the server is stopping. */
    void stop() {
        stopping = true;
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
