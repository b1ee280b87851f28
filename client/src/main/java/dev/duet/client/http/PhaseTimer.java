package dev.duet.client.http;

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
    private long firstByte;
    private long end;
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
                millis(start, end));
    }

    private static Double millis(long from, long to) {
        return from == 0 || to == 0 ? null : Math.round((to - from) / 10_000.0) / 100.0;
    }

    /**
     * Milliseconds per phase; a phase that did not happen (DNS for an IP literal, TLS over http) is
     * null. {@code connectMs} includes the TLS handshake, which {@code tlsMs} is the part of.
     */
    record Timings(Double dnsMs, Double connectMs, Double tlsMs, Double firstByteMs, Double totalMs) {}
}
