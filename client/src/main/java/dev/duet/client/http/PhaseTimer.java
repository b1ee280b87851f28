package dev.duet.client.http;

import dev.duet.common.ServerTiming;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;

/**
 * Times the phases of one call from OkHttp's events: DNS, connect, first byte, total. It also
 * tells whether a connection was ever made, which is what decides if a failed call is safe to retry.
 */
final class PhaseTimer extends EventListener {
    private long start;
    private long dnsStart;
    private long dnsEnd;
    private long connectStart;
    private long connectEnd;
    private long tlsStart;
    private long tlsEnd;
    private long requestStart;
    private long firstByte;
    private long end;
    private double serverMs = -1;
    private volatile boolean connected;

    @Override
    public void callStart(Call call) {
        start = System.nanoTime();
    }

    @Override
    public void dnsStart(Call call, String domainName) {
        dnsStart = System.nanoTime();
    }

    @Override
    public void dnsEnd(Call call, String domainName, List<InetAddress> addresses) {
        dnsEnd = System.nanoTime();
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        connectStart = System.nanoTime();
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
        connectEnd = System.nanoTime();
        connected = true;
    }

    @Override
    public void secureConnectStart(Call call) {
        tlsStart = System.nanoTime();
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
        tlsEnd = System.nanoTime();
    }

    @Override
    public void requestHeadersStart(Call call) {
        requestStart = System.nanoTime();
    }

    @Override
    public void responseHeadersStart(Call call) {
        firstByte = System.nanoTime();
    }

    @Override
    public void callEnd(Call call) {
        end = System.nanoTime();
    }

    @Override
    public void callFailed(Call call, IOException ioe) {
        end = System.nanoTime();
    }

    /**
     * What the answer's {@code Server-Timing} said the server spent on the request, on its own
     * clock; the rest of the time from sending to the first byte back is the path's.
     */
    void serverTiming(List<String> values) {
        for (String value : values) {
            double ms = ServerTiming.millis(value, ServerTiming.METRIC);
            if (ms >= 0) {
                serverMs = ms;
                return;
            }
        }
    }

    /** False when the call failed before any connection: nothing reached the server. */
    boolean connected() {
        return connected;
    }

    Timings timings() {
        return new Timings(
                millis(dnsStart, dnsEnd),
                millis(connectStart, connectEnd),
                millis(tlsStart, tlsEnd),
                millis(start, firstByte),
                millis(start, end),
                serverMs < 0 ? null : serverMs,
                serverMs < 0 || requestStart == 0 || firstByte == 0
                        ? null
                        : Math.round(Math.max(0, (firstByte - requestStart) / 1e6 - serverMs) * 100) / 100.0);
    }

    private static Double millis(long from, long to) {
        return from == 0 || to == 0 ? null : Math.round((to - from) / 10_000.0) / 100.0;
    }

    /**
     * Milliseconds per phase; a phase that did not happen (DNS for an IP literal, TLS over http) is
     * null. {@code connectMs} includes the TLS handshake, which {@code tlsMs} is the part of.
     *
     * @param serverMs the server's own time on the request, from its {@code Server-Timing}; null
     *     when the answer had none
     * @param pathMs   from sending the request to the first byte of its answer, less {@code
     *     serverMs}: the network and everything between; each a difference on one host's clock
     */
    record Timings(
            Double dnsMs,
            Double connectMs,
            Double tlsMs,
            Double firstByteMs,
            Double totalMs,
            Double serverMs,
            Double pathMs) {}
}
