package dev.duet.client.bench;

import dev.duet.client.http.UnconnectedSockets;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * What an OkHttp load (HTTPS, HTTP/2, WebSocket) reports beside its latencies: the bytes its
 * sockets carry each way (under TLS: the encrypted bytes, as on the wire), and the phases of each
 * new connection from OkHttp's events. Its reader threads are not the load's, so bytes go to the
 * {@link Tally}'s shared counters.
 */
final class WireMeters {
    private WireMeters() {}

    static OkHttpClient.Builder count(OkHttpClient.Builder builder, Tally tally, Phases phases) {
        return builder.socketFactory(new CountingSockets(tally))
                .eventListenerFactory(call -> new NewConnection(phases));
    }

    /** Times a call's connect, handshake and first byte when it opens a connection. */
    private static final class NewConnection extends EventListener {
        private final Phases phases;
        private long callStart;
        private long connectStart;
        private long tlsStart;
        private boolean connected;

        NewConnection(Phases phases) {
            this.phases = phases;
        }

        @Override
        public void callStart(Call call) {
            callStart = System.nanoTime();
        }

        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            connectStart = System.nanoTime();
        }

        @Override
        public void secureConnectStart(Call call) {
            tlsStart = System.nanoTime();
        }

        @Override
        public void secureConnectEnd(Call call, Handshake handshake) {
            phases.handshaken(System.nanoTime() - tlsStart);
        }

        @Override
        public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
            phases.connected(System.nanoTime() - connectStart);
            connected = true;
        }

        @Override
        public void responseHeadersStart(Call call) {
            if (connected) {
                phases.firstByte(System.nanoTime() - callStart);
                connected = false;
            }
        }
    }

    /** Plain sockets whose streams count what they carry. */
    private static final class CountingSockets extends UnconnectedSockets {
        private final Tally tally;

        CountingSockets(Tally tally) {
            this.tally = tally;
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
                            tally.traffic(0, b < 0 ? 0 : 1);
                            return b;
                        }

                        @Override
                        public int read(byte[] bytes, int offset, int length) throws IOException {
                            int n = super.read(bytes, offset, length);
                            tally.traffic(0, Math.max(n, 0));
                            return n;
                        }
                    };
                }

                @Override
                public OutputStream getOutputStream() throws IOException {
                    return new FilterOutputStream(super.getOutputStream()) {
                        @Override
                        public void write(int b) throws IOException {
                            out.write(b);
                            tally.traffic(1, 0);
                        }

                        @Override
                        public void write(byte[] bytes, int offset, int length) throws IOException {
                            out.write(bytes, offset, length);
                            tally.traffic(length, 0);
                        }
                    };
                }
            };
        }
    }
}
