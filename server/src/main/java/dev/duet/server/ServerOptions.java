package dev.duet.server;

import dev.duet.common.Option;
import dev.duet.common.OptionTable;
import dev.duet.common.Ports;
import dev.duet.common.UnixSockets;
import dev.duet.common.ValueType;
import dev.duet.server.stream.FileMode;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Every option of {@code duet-server}, declared once, and the table of each transport. The
 * parser, {@code --help}, the environment lookup and docs/configuration.md are all made from
 * these; the config records ({@code HttpServerConfig}, {@code StreamServerConfig}) read their
 * values by these constants.
 */
public final class ServerOptions {
    public static final String PROGRAM = "duet-server";

    public static final Option<String> HOST = Option.of(
                    "--host", ValueType.of("HOST", host -> host, host -> host, "127.0.0.1"), "0.0.0.0")
            .env("DUET_HOST")
            .help("address to listen on");

    public static final Option<Integer> PORT = Option.of("--port", ValueType.PORT, Ports.DEFAULT)
            .env("DUET_PORT")
            .help("port to listen on; 0 picks a free one (the log says which)");

    public static final Option<Integer> MAX_CONNECTIONS = Option.of(
                    "--max-connections", ValueType.count(1, 1_000_000), 10_000)
            .env("DUET_MAX_CONNECTIONS")
            .help("at most N connections at once; http: the rest wait to be accepted, tcp and unix: closed");

    public static final Option<Integer> BACKLOG = Option.of("--backlog", ValueType.count(1, 65535), 511)
            .env("DUET_BACKLOG")
            .help("connections the kernel queues before they are accepted (capped by net.core.somaxconn)");

    public static final Option<Boolean> QUIET =
            Option.flag("--quiet").env("DUET_QUIET").help("no line per request or message");

    public static final Option<Duration> SHUTDOWN_TIMEOUT = Option.of(
                    "--shutdown-timeout", ValueType.TIME, Duration.ofSeconds(10))
            .env("DUET_SHUTDOWN_TIMEOUT")
            .help("how long in-flight requests may finish after SIGTERM or SIGINT");

    public static final Option<Duration> IDLE_TIMEOUT = Option.of(
                    "--idle-timeout", ValueType.POSITIVE_TIME, Duration.ofSeconds(30))
            .env("DUET_IDLE_TIMEOUT")
            .help("close a connection silent this long, mid-request or not");

    public static final Option<Long> MAX_HEADER_SIZE = Option.of(
                    "--max-header-size", ValueType.size(1024, 1 << 20), 8L * 1024)
            .env("DUET_MAX_HEADER_SIZE")
            .help("request line and headers: a longer target gets 414, more headers 431");

    public static final Option<Long> MAX_BODY = Option.of(
                    "--max-body", ValueType.size(0, Integer.MAX_VALUE - 8), 10L * 1024 * 1024)
            .env("DUET_MAX_BODY")
            .help("a larger request body gets 413");

    public static final Option<Set<PosixFilePermission>> MODE = Option.of(
                    "--mode", ValueType.of("MODE", FileMode::parse, FileMode::format, "660"), FileMode.OWNER_ONLY)
            .env("DUET_SOCKET_MODE")
            .help("permissions of the socket file, in octal as chmod takes them: 600, 660, 0666");

    public static final OptionTable HTTP = OptionTable.of(
                    PROGRAM, "http", "Answer every HTTP request with its request target (the default transport).")
            .options(
                    HOST,
                    PORT,
                    SHUTDOWN_TIMEOUT,
                    IDLE_TIMEOUT,
                    MAX_HEADER_SIZE,
                    MAX_BODY,
                    MAX_CONNECTIONS,
                    BACKLOG,
                    QUIET)
            .notes("The body is the path and query exactly as sent; with \"Accept: application/json\" the"
                    + " answer\ndescribes the whole request instead.");

    public static final OptionTable TCP = OptionTable.of(PROGRAM, "tcp", "Echo every byte back over TCP.")
            .options(HOST, PORT, MAX_CONNECTIONS, BACKLOG, QUIET);

    public static final OptionTable UNIX = OptionTable.of(
                    PROGRAM, "unix", "Echo every byte back over a Unix-domain socket.")
            .options(UnixSockets.PATH, MODE, MAX_CONNECTIONS, BACKLOG, QUIET);

    public static final List<OptionTable> COMMANDS = List.of(HTTP, TCP, UNIX);

    private ServerOptions() {}
}
