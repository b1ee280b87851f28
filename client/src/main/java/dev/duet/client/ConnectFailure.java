package dev.duet.client;

import dev.duet.common.Durations;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A connection that could not be made, and why: refused, network unreachable, no route, timed out,
 * no socket file, nothing listening on a UDP port. The one classification of connect failures: every
 * command (get, ws, tcp, unix, udp, bench) asks it, so each gives exit 7 for the same causes, as curl
 * does.
 *
 * @param reason    why, as the system says it, lower case: {@code network is unreachable}
 * @param errorKind what bench counts it as: {@code refused}, {@code unreachable} or {@code connect timeout}
 */
public record ConnectFailure(String reason, String errorKind) {
    public static final String REFUSED = "refused";
    public static final String UNREACHABLE = "unreachable";
    public static final String TIMED_OUT = "connect timeout";

    /** What the kernel says when it refuses a connect() outright (the JDK throws a plain SocketException). */
    private static final Set<String> UNREACHABLE_REASONS = Set.of(
            "network is unreachable", // ENETUNREACH: no route to the network, or a multicast address
            "permission denied", // EACCES: a prohibit route, a broadcast address, a socket file's mode
            "cannot assign requested address"); // EADDRNOTAVAIL: no local address to connect from

    /** Whether {@code e}, or what it wraps, says no connection could be made; OkHttp wraps the JDK's. */
    public static Optional<ConnectFailure> of(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            Optional<ConnectFailure> found = classify(cause);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<ConnectFailure> classify(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof PortUnreachableException) {
            // UDP's "connection refused": the kernel's ICMP port unreachable, seen on a connected socket
            return Optional.of(new ConnectFailure("connection refused (nothing listens on that UDP port)", REFUSED));
        }
        if (e instanceof NoRouteToHostException) {
            return Optional.of(new ConnectFailure("no route to host", UNREACHABLE));
        }
        if (e instanceof SocketTimeoutException && message.equals("connect timed out")) {
            return Optional.of(new ConnectFailure("timed out", TIMED_OUT)); // the client's own --timeout
        }
        if (e instanceof ConnectException) {
            if (message.startsWith("failed to connect to") && e.getCause() != null) {
                return Optional.empty(); // OkHttp's wrapper: the cause says why
            }
            if (message.contains("timed out")) {
                return Optional.of(new ConnectFailure("connection timed out", TIMED_OUT)); // the kernel's
            }
            return Optional.of(new ConnectFailure(message.isEmpty() ? "connection refused" : message, REFUSED));
        }
        if (e.getClass() == SocketException.class || e instanceof BindException) {
            if (message.equals("no such file or directory")) {
                return Optional.of(new ConnectFailure(message, REFUSED)); // a Unix socket's path with no socket
            }
            if (UNREACHABLE_REASONS.contains(message)) {
                return Optional.of(new ConnectFailure(message, UNREACHABLE));
            }
        }
        return Optional.empty();
    }

    /** The failure a command ends with: exit 7, one line naming the address and why. */
    public Failure failure(String address, Duration timeout) {
        return new Failure(
                Failure.Kind.CANNOT_CONNECT,
                errorKind.equals(TIMED_OUT) && reason.equals("timed out")
                        ? "cannot connect to " + address + " within " + Durations.format(timeout) + " (timeout)"
                        : "cannot connect to " + address + ": " + reason);
    }

    /** What bench says of the first such failure. */
    public String detail(String address) {
        return "cannot connect to " + address + ": " + reason;
    }
}
