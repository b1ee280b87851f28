package dev.duet.client.http;

import static dev.duet.client.Failure.Kind.BROKEN_ANSWER;
import static dev.duet.client.Failure.Kind.CANNOT_CONNECT;
import static dev.duet.client.Failure.Kind.EMPTY_REPLY;
import static dev.duet.client.Failure.Kind.TIMEOUT;
import static dev.duet.client.Failure.Kind.TLS_HANDSHAKE;
import static dev.duet.client.Failure.Kind.UNKNOWN_HOST;

import dev.duet.client.Failure;
import dev.duet.common.Durations;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Turns what OkHttp threw into a {@link Failure}: what went wrong, in one line that names the address. */
final class RequestFailure {
    private RequestFailure() {}

    static Failure from(IOException e, String address, Duration timeout, boolean answerStarted) {
        if (e instanceof UnknownHostException) {
            return new Failure(UNKNOWN_HOST, "unknown host " + hostOf(address) + " (" + address + ")");
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            String why = e instanceof NoRouteToHostException ? "no route to host" : "connection refused";
            return new Failure(CANNOT_CONNECT, "cannot connect to " + address + ": " + why);
        }
        if (e instanceof InterruptedIOException) {
            // SocketTimeoutException, or OkHttp's own "timeout"
            return new Failure(
                    TIMEOUT, "no answer from " + address + " within " + Durations.format(timeout) + " (timeout)");
        }
        if (e instanceof SSLException) {
            return new Failure(TLS_HANDSHAKE, "TLS handshake with " + address + " failed: " + e.getMessage());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (answerStarted) {
            return new Failure(BROKEN_ANSWER, "the answer from " + address + " broke off: " + message);
        }
        if (message.startsWith("unexpected end of stream")) {
            return new Failure(EMPTY_REPLY, address + " closed the connection without an answer");
        }
        return new Failure(BROKEN_ANSWER, "failed talking to " + address + ": " + message);
    }

    private static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }
}
