package dev.duet.client.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** The few kinds a failed request is counted as, named as a user looking for the cause would. */
final class ErrorKinds {
    static final String REFUSED = "refused";
    static final String RESET = "reset";
    static final String TIMEOUT = "timeout";
    /** The server closed the connection before the answer was whole. */
    static final String CLOSED = "closed";

    static final String BAD_ANSWER = "bad answer";

    private ErrorKinds() {}

    static String of(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof ConnectException) {
            return message.contains("timed out") ? TIMEOUT : REFUSED;
        }
        if (message.contains("refused") || message.contains("no such file")) {
            return REFUSED; // a Unix socket's path with no socket, or nobody listening at it
        }
        if (e instanceof InterruptedIOException || message.contains("timeout") || message.contains("timed out")) {
            return TIMEOUT;
        }
        if (message.contains("reset") || message.contains("broken pipe")) {
            return RESET;
        }
        if (e instanceof EOFException || message.contains("unexpected end of stream") || message.contains("closed")) {
            return CLOSED;
        }
        if (e instanceof SSLException) {
            return "tls";
        }
        if (e instanceof NoRouteToHostException || e instanceof UnknownHostException) {
            return "unreachable";
        }
        if (message.startsWith("status ")) {
            return message;
        }
        return "other";
    }
}
