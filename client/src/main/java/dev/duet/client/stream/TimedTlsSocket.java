package dev.duet.client.stream;

import dev.duet.client.Failure;
import dev.duet.client.http.ClientTls;
import dev.duet.client.http.MissingClientCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/**
 * TLS over TCP, for {@code duet-client tcp --tls}: a blocking {@link SSLSocket} whose handshake,
 * reads and writes give up after the timeout, as {@link TimedChannel}'s do. The server's certificate
 * is checked as https checks it: trusted (--cacert, or the JDK's CAs), and for the host named.
 */
final class TimedTlsSocket implements EchoStream {
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Watchdog watchdog;

    private TimedTlsSocket(SSLSocket socket, Duration timeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.watchdog = new Watchdog(socket, timeout);
    }

    static TimedTlsSocket connect(
            InetSocketAddress address, ClientTls tls, Duration timeout, MissingClientCertificate missing)
            throws IOException, Failure {
        InetSocketAddress target = HostPort.resolve(address);
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true); // each message goes at once
            plain.connect(target, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            TimedTlsSocket timed = new TimedTlsSocket(tls.layer(plain, address.getHostString(), missing), timeout);
            try {
                timed.watchdog.guard(() -> {
                    timed.socket.startHandshake();
                    return null;
                });
            } catch (IOException e) {
                timed.close();
                throw e;
            }
            return timed;
        } catch (IOException | Failure | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    @Override
    public void writeFully(ByteBuffer bytes) throws IOException {
        watchdog.guard(() -> {
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            out.flush();
            bytes.position(bytes.limit());
            return null;
        });
    }

    @Override
    public boolean readFully(ByteBuffer into) throws IOException {
        return watchdog.guard(() -> {
            while (into.hasRemaining()) {
                int n = in.read(into.array(), into.arrayOffset() + into.position(), into.remaining());
                if (n < 0) {
                    return false;
                }
                into.position(into.position() + n);
            }
            return true;
        });
    }

    /** TLS 1.3 closes half a connection with close_notify, as TCP does with a FIN. */
    @Override
    public boolean finish() throws IOException {
        socket.shutdownOutput();
        return !readFully(ByteBuffer.allocate(1));
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            watchdog.close();
        }
    }
}
