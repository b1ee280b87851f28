package dev.duet.client.http;

import static dev.duet.client.Failure.Kind.BROKEN_ANSWER;
import static dev.duet.client.Failure.Kind.EMPTY_REPLY;
import static dev.duet.client.Failure.Kind.TIMEOUT;
import static dev.duet.client.Failure.Kind.TLS_HANDSHAKE;
import static dev.duet.client.Failure.Kind.TOO_MANY_REDIRECTS;
import static dev.duet.client.Failure.Kind.UNKNOWN_HOST;
import static dev.duet.client.Failure.Kind.UNTRUSTED_CERTIFICATE;
import static dev.duet.client.Failure.Kind.WEIRD_ANSWER;

import dev.duet.client.ConnectFailure;
import dev.duet.client.Failure;
import dev.duet.common.Durations;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns what an exchange threw into a {@link Failure}: what went wrong, in one line that names the
 * address. The one classification of I/O failures: get, ws, tcp and unix all use it.
 */
public final class RequestFailure {
    /** OkHttp's limit on an answer's status line and headers together. */
    static final long HEADER_LIMIT = 256 * 1024;

    private RequestFailure() {}

    /**
     * @param received               bytes the server had sent when it failed
     * @param clientCertificateAsked whether the server asked for a client certificate this client
     *     did not have: under TLS 1.3 its refusal comes after the handshake, so the request may
     *     meet a closed connection instead of the alert that says why
     */
    public static Failure from(
            IOException e, String address, Duration timeout, long received, boolean clientCertificateAsked) {
        Failure failure = from(e, address, timeout, received);
        if (clientCertificateAsked && failure.kind() == BROKEN_ANSWER) {
            return new Failure(
                    TLS_HANDSHAKE,
                    "TLS handshake with " + address
                            + " failed: it asks for a client certificate (mutual TLS); give one with --cert and --key");
        }
        return failure;
    }

    /** @param received bytes the server had sent when it failed: none means it never answered */
    public static Failure from(IOException e, String address, Duration timeout, long received) {
        if (e instanceof UnknownHostException) {
            return new Failure(UNKNOWN_HOST, "unknown host " + hostOf(address) + " (" + address + ")");
        }
        Optional<ConnectFailure> notConnected = ConnectFailure.of(e);
        if (notConnected.isPresent()) {
            return notConnected.get().failure(address, timeout);
        }
        if (e instanceof InterruptedIOException) {
            // SocketTimeoutException, or OkHttp's own "timeout"
            return new Failure(
                    TIMEOUT, "no answer from " + address + " within " + Durations.format(timeout) + " (timeout)");
        }
        if (e instanceof SSLPeerUnverifiedException) {
            return new Failure(
                    UNTRUSTED_CERTIFICATE,
                    "the certificate of " + address + " is not for that host: " + e.getMessage());
        }
        if (e instanceof SSLException) {
            return untrusted(e)
                    ? new Failure(
                            UNTRUSTED_CERTIFICATE,
                            "the certificate of " + address + " is not trusted: " + rootMessage(e))
                    : new Failure(TLS_HANDSHAKE, "TLS handshake with " + address + " failed: " + e.getMessage());
        }
        if (e instanceof ProtocolException && String.valueOf(e.getMessage()).startsWith("Too many follow-up")) {
            return new Failure(
                    TOO_MANY_REDIRECTS,
                    address + " redirected more than " + Failure.MAX_REDIRECTS + " times (-L follows no more)");
        }
        if (e instanceof ProtocolException && String.valueOf(e.getMessage()).startsWith("Unexpected status line")) {
            // curl's "weird server reply"; the message quotes the server's bytes, escaped when shown
            return new Failure(
                    WEIRD_ANSWER, "the answer from " + address + " is not HTTP: " + lowerFirst(e.getMessage()));
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.getCause() instanceof EOFException && received >= HEADER_LIMIT) {
            return new Failure(
                    BROKEN_ANSWER,
                    "the answer from " + address + " has headers over the client's limit (" + HEADER_LIMIT / 1024
                            + " KiB)");
        }
        if (received == 0 && message.startsWith("unexpected end of stream")) {
            return new Failure(EMPTY_REPLY, address + " closed the connection without an answer");
        }
        if (received > 0) {
            return new Failure(BROKEN_ANSWER, "the answer from " + address + " broke off: " + message);
        }
        return new Failure(BROKEN_ANSWER, "failed talking to " + address + ": " + message);
    }

    /** The server's certificate chain did not lead to a trusted one (curl's 60, not 35). */
    private static boolean untrusted(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException
                    || cause instanceof CertPathValidatorException
                    || cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String lowerFirst(String text) {
        return text == null || text.isEmpty() ? "" : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    private static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }
}
