package dev.duet.client.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sockets that count the bytes they receive, so a failed answer can be told apart by how far it
 * got: nothing at all (the server closed without answering), or a header section that filled the
 * client's whole limit (OkHttp reports both as the same "end of stream"). They connect where
 * {@link Routes} (--resolve, --connect-to) sends them.
 */
final class CountingSockets extends UnconnectedSockets {
    private final AtomicLong received = new AtomicLong();
    private final Routes routes;

    CountingSockets(Routes routes) {
        this.routes = routes;
    }

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
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
                super.connect(endpoint instanceof InetSocketAddress inet ? routes.target(inet) : endpoint, timeout);
            }

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
}
