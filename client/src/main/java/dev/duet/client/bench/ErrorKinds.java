package dev.duet.client.bench;

import dev.duet.client.ConnectFailure;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;

/** The few kinds a failed request is counted as, named as a user looking for the cause would. */
final class ErrorKinds {
    static final String REFUSED = ConnectFailure.REFUSED;
    static final String RESET = "reset";
    static final String TIMEOUT = "timeout";
    /** The server closed the connection before the answer was whole. */
    static final String CLOSED = "closed";

    /** Bytes that are not an HTTP answer (or more than the one asked for). */
    static final String BAD_ANSWER = "bad answer";

    /** The kinds that mean no connection was made: the same causes give get, tcp and ws exit 7. */
    private static final Set<String> NOT_CONNECTED =
            Set.of(ConnectFailure.REFUSED, ConnectFailure.UNREACHABLE, ConnectFailure.TIMED_OUT);

    private ErrorKinds() {}

    static String of(IOException e) {
        Optional<ConnectFailure> notConnected = ConnectFailure.of(e);
        if (notConnected.isPresent()) {
            return notConnected.get().errorKind();
        }
        if (e instanceof MalformedAnswer || e instanceof ProtocolException) {
            return BAD_ANSWER; // ours from the selector load's parser; OkHttp's ("Unexpected status line")
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
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
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        return "other";
    }

    /** What the report says of a failure: for one that never connected, to where and why. */
    static String detail(IOException e, String target) {
        return ConnectFailure.of(e).map(c -> c.detail(target)).orElse(e.getMessage());
    }

    /** Whether a failure of this kind means no connection was made. */
    static boolean notConnected(String kind) {
        return NOT_CONNECTED.contains(kind);
    }
}
