package dev.duet.client.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * Sockets that count the bytes they receive, so a failed answer can be told apart by how far it
 * got: nothing at all (the server closed without answering), or a header section that filled the
 * client's whole limit (OkHttp reports both as the same "end of stream").
 */
final class CountingSockets extends SocketFactory {
    private final AtomicLong received = new AtomicLong();

    /** Bytes received since the last {@link #reset()}. */
    long received() {
        return received.get();
    }

    void reset() {
        received.set(0);
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public InputStream getInputStream() throws IOException {
                return new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        received.addAndGet(b < 0 ? 0 : 1);
                        return b;
                    }

                    @Override
                    public int read(byte[] bytes, int offset, int length) throws IOException {
                        int n = super.read(bytes, offset, length);
                        received.addAndGet(Math.max(n, 0));
                        return n;
                    }
                };
            }
        };
    }

    // OkHttp creates unconnected sockets and connects them itself; these are never called
    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException();
    }
}
