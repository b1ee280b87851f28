package dev.duet.client.http;

import static dev.duet.client.ExitCodes.CANNOT_CONNECT;
import static dev.duet.client.ExitCodes.EMPTY_REPLY;
import static dev.duet.client.ExitCodes.RECEIVE_ERROR;
import static dev.duet.client.ExitCodes.TIMEOUT;
import static dev.duet.client.ExitCodes.TLS_ERROR;
import static dev.duet.client.ExitCodes.UNKNOWN_HOST;

import dev.duet.common.Cli;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Turns what OkHttp threw into one line that names the address, and curl's exit code for it. */
final class RequestFailure {
    private RequestFailure() {}

    static Cli.Failure from(IOException e, String address, java.time.Duration timeout, boolean answerStarted) {
        if (e instanceof UnknownHostException) {
            return new Cli.Failure(UNKNOWN_HOST, "unknown host " + hostOf(address) + " (" + address + ")");
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            String why = e instanceof NoRouteToHostException ? "no route to host" : "connection refused";
            return new Cli.Failure(CANNOT_CONNECT, "cannot connect to " + address + ": " + why);
        }
        if (e instanceof InterruptedIOException) {
            // SocketTimeoutException, or OkHttp's own "timeout"
            return new Cli.Failure(
                    TIMEOUT,
                    "no answer from " + address + " within " + dev.duet.common.Durations.format(timeout)
                            + " (timeout)");
        }
        if (e instanceof SSLException) {
            return new Cli.Failure(TLS_ERROR, "TLS handshake with " + address + " failed: " + e.getMessage());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (answerStarted) {
            return new Cli.Failure(RECEIVE_ERROR, "the answer from " + address + " broke off: " + message);
        }
        if (message.startsWith("unexpected end of stream")) {
            return new Cli.Failure(EMPTY_REPLY, address + " closed the connection without an answer");
        }
        return new Cli.Failure(RECEIVE_ERROR, "failed talking to " + address + ": " + message);
    }

    private static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }
}
