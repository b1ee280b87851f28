package dev.duet.server;

import dev.duet.common.LogText;
import dev.duet.common.Option;
import dev.duet.common.OptionTable;
import dev.duet.common.Ports;
import dev.duet.common.UnixSockets;
import dev.duet.common.ValueType;
import dev.duet.server.http.Cors;
import dev.duet.server.http.Encodings;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.logging.Redaction;
import dev.duet.server.stream.FileMode;
import dev.duet.server.tls.TlsConfig;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
            .help("at most N at once; http: the rest wait to be accepted, tcp/unix: closed");

    public static final Option<Integer> BACKLOG = Option.of("--backlog", ValueType.count(1, 65535), 511)
            .env("DUET_BACKLOG")
            .help("connections the kernel queues unaccepted (capped by net.core.somaxconn)");

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

    // --- TLS, for http and tcp -------------------------------------------------------------------

    public static final Option<String> TLS = Option.of("--tls", ValueType.oneOf("off", "on", "self-signed"), "off")
            .impliedValue("on")
            .env("DUET_TLS")
            .help("TLS 1.2/1.3 with --cert and --key, or with a certificate made at start");

    public static final Option<Optional<Path>> CERT = Option.optional("--cert", ValueType.PATH.named("FILE"))
            .env("DUET_TLS_CERT")
            .help("the certificate (chain), PEM; with --key it turns TLS on");

    public static final Option<Optional<Path>> KEY = Option.optional("--key", ValueType.PATH.named("FILE"))
            .env("DUET_TLS_KEY")
            .help("the certificate's private key, PEM (PKCS#8, or PKCS#1 RSA)");

    public static final Option<Optional<Path>> WRITE_CERT = Option.optional(
                    "--write-cert", ValueType.PATH.named("FILE"))
            .env("DUET_TLS_WRITE_CERT")
            .help("write the certificate served, PEM, for clients to trust (curl --cacert)");

    public static final Option<Boolean> WRITE_CERT_FORCE = Option.flag("--write-cert-force")
            .env("DUET_TLS_WRITE_CERT_FORCE")
            .help("let --write-cert replace a file duet-server did not write");

    public static final Option<Optional<Path>> CLIENT_CA = Option.optional("--client-ca", ValueType.PATH.named("FILE"))
            .env("DUET_TLS_CLIENT_CA")
            .help("mutual TLS: clients must present a certificate this CA (PEM) signed");

    public static final Option<String> TLS_CIPHERS = Option.of(
                    "--tls-ciphers", ValueType.oneOf(TlsConfig.AEAD_CIPHERS, TlsConfig.LEGACY_CIPHERS), "aead")
            .env("DUET_TLS_CIPHERS")
            .help("TLS 1.2 suites: aead (GCM, ChaCha20) only, or legacy, adding CBC for old clients");

    private static final Option<?>[] TLS_OPTIONS = {TLS, CERT, KEY, WRITE_CERT, WRITE_CERT_FORCE, CLIENT_CA, TLS_CIPHERS
    };

    // --- HTTP answers: response controls, WebSocket ----------------------------------------------

    public static final Option<Boolean> CONTROLS = Option.of("--controls", ValueType.ON_OFF, true)
            .env("DUET_CONTROLS")
            .help("obey X-Duet-* headers and duet-* query controls; off for public exposure");

    public static final Option<Duration> MAX_DELAY = Option.of("--max-delay", ValueType.TIME, Duration.ofSeconds(30))
            .env("DUET_MAX_DELAY")
            .help("the longest delay or stream a control may ask for; longer gets 400");

    /** Checked against --max-delay and --max-body once every option is read (HttpServerConfig). */
    public static final Option<Optional<String>> DEFAULT_CONTROLS = Option.optional(
                    "--default-controls", ValueType.of("CONTROLS", text -> text, text -> text, "status=503:10"))
            .env("DUET_DEFAULT_CONTROLS")
            .help("controls for requests that bring none: \"status=500:30,200:70;delay=100ms\"");

    public static final Option<Optional<Long>> SEED = Option.optional(
                    "--seed", ValueType.of("N", ServerOptions::seed, String::valueOf, "42"))
            .env("DUET_SEED")
            .shownAs("picked at start")
            .help("seed of weighted control choices (503:10,200:90): the same seed, the same draws");

    public static final Option<List<String>> COMPRESSION = Option.of("--compression", Encodings.TYPE, Encodings.ALL)
            .env("DUET_COMPRESSION")
            .help("answer in these codings when accepted, decode request bodies sent in them; or off");

    public static final Option<Long> COMPRESSION_MIN = Option.of("--compression-min", ValueType.size(0, 1 << 30), 256L)
            .env("DUET_COMPRESSION_MIN")
            .help("answers shorter than this are not compressed");

    public static final Option<Cors> CORS = Option.of("--cors", Cors.TYPE, Cors.OFF)
            .impliedValue("*")
            .env("DUET_CORS")
            .help("let browser pages of these origins (* any) call the echo; preflights answered");

    public static final Option<Long> MAX_MESSAGE = Option.of(
                    "--max-message", ValueType.size(1, Integer.MAX_VALUE - 8), 1L << 20)
            .env("DUET_MAX_MESSAGE")
            .help("the largest WebSocket message echoed; larger closes with 1009");

    // --- the HTTP access log: what it keeps of each request ---------------------------------------

    public static final Option<Boolean> LOG_HEADERS = Option.flag("--log-headers")
            .env("DUET_LOG_HEADERS")
            .help("each request's headers in its access-log line and the inspector");

    public static final Option<Optional<Long>> LOG_BODY = Option.optional(
                    "--log-body", ValueType.size(1, 1 << 20).named("BYTES"))
            .env("DUET_LOG_BODY")
            .help("the first BYTES of each request body, escaped, with its length and SHA-256");

    public static final Option<Redaction> LOG_REDACT = Option.of("--log-redact", Redaction.TYPE, Redaction.DEFAULT)
            .env("DUET_LOG_REDACT")
            .help("headers logged as <redacted: N bytes> besides the credentials; none: redact none");

    // --- every transport: who it is, its control plane, how it stops and logs -------------------

    public static final Option<Optional<String>> NAME = Option.optional("--name", ValueType.TEXT.named("NAME"))
            .env("DUET_NAME")
            .shownAs("the hostname")
            .help("this instance's name: in its first log line, /version and the JSON echo");

    /** {@code off}, or a port for the control plane (0 picks a free one). */
    private static final ValueType<Optional<Integer>> PORT_OR_OFF = ValueType.of(
            "PORT|off",
            text -> text.equals("off") ? Optional.empty() : Optional.of(ValueType.PORT.parse(text)),
            port -> port.map(String::valueOf).orElse("off"),
            "4322");

    public static final Option<Optional<Integer>> ADMIN_PORT = Option.of(
                    "--admin-port", PORT_OR_OFF, Optional.of(Ports.DEFAULT + 1))
            .env("DUET_ADMIN_PORT")
            .help("the control plane's port: probes, metrics, version, inspector; or off");

    /** tcp and unix run beside an http server by default (the article runs them together): no admin port. */
    public static final Option<Optional<Integer>> STREAM_ADMIN_PORT = Option.of(
                    "--admin-port", PORT_OR_OFF, Optional.<Integer>empty())
            .env("DUET_ADMIN_PORT")
            .help("the control plane's port: probes, metrics, version, inspector; or off");

    public static final Option<Optional<String>> ADMIN_HOST = Option.optional("--admin-host", HOST.type())
            .env("DUET_ADMIN_HOST")
            .shownAs("as --host, else 0.0.0.0")
            .help("address the control plane listens on");

    /** A bearer token: visible ASCII, no spaces, as an Authorization header carries it. Never echoed. */
    private static final ValueType<String> TOKEN = ValueType.of(
            "TOKEN",
            text -> {
                if (text.isEmpty() || !text.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                    throw new IllegalArgumentException("expected visible ASCII characters and no spaces");
                }
                return text;
            },
            text -> "(not shown)",
            "s3cret-token");

    public static final Option<Optional<String>> ADMIN_TOKEN = Option.optional("--admin-token", TOKEN)
            .env("DUET_ADMIN_TOKEN")
            .help("changes on the control plane need \"Authorization: Bearer TOKEN\"; reads stay open");

    public static final Option<Integer> INSPECT_HISTORY = Option.of(
                    "--inspect-history", ValueType.count(1, 100_000), 100)
            .env("DUET_INSPECT_HISTORY")
            .help("how many recent requests and connections the inspector keeps and shows");

    public static final Option<Duration> DRAIN_DELAY = Option.of("--drain-delay", ValueType.TIME, Duration.ZERO)
            .env("DUET_DRAIN_DELAY")
            .help("after SIGTERM, keep serving this long while /readyz says 503");

    public static final Option<LogFormat> LOG_FORMAT = Option.of(
                    "--log-format",
                    ValueType.of("text|json", LogFormat::parse, LogFormat::word, "json"),
                    LogFormat.TEXT)
            .env("DUET_LOG_FORMAT")
            .help("text lines, or one JSON object a line for log shippers");

    /** What every transport shares: who it is, its control plane, how it stops and logs. */
    private static final Option<?>[] INSTANCE = {
        NAME, ADMIN_PORT, ADMIN_HOST, ADMIN_TOKEN, INSPECT_HISTORY, DRAIN_DELAY, LOG_FORMAT
    };

    private static final Option<?>[] STREAM_INSTANCE = {
        NAME, STREAM_ADMIN_PORT, ADMIN_HOST, ADMIN_TOKEN, INSPECT_HISTORY, DRAIN_DELAY, LOG_FORMAT
    };

    public static final OptionTable HTTP = OptionTable.of(
                    PROGRAM, "http", "Answer every HTTP request with its request target (the default).")
            .options(
                    HOST,
                    PORT,
                    SHUTDOWN_TIMEOUT,
                    IDLE_TIMEOUT,
                    MAX_HEADER_SIZE,
                    MAX_BODY,
                    MAX_CONNECTIONS,
                    BACKLOG,
                    QUIET,
                    CONTROLS,
                    MAX_DELAY,
                    DEFAULT_CONTROLS,
                    SEED,
                    COMPRESSION,
                    COMPRESSION_MIN,
                    CORS,
                    MAX_MESSAGE,
                    LOG_HEADERS,
                    LOG_BODY,
                    LOG_REDACT)
            .options(TLS_OPTIONS)
            .options(INSTANCE)
            .notes("The body is the path and query exactly as sent; with \"Accept: application/json\" the"
                    + " answer\ndescribes the whole request instead.");

    public static final OptionTable TCP = OptionTable.of(PROGRAM, "tcp", "Echo every byte back over TCP.")
            .options(HOST, PORT, MAX_CONNECTIONS, BACKLOG, QUIET)
            .options(TLS_OPTIONS)
            .options(STREAM_INSTANCE);

    public static final OptionTable UNIX = OptionTable.of(
                    PROGRAM, "unix", "Echo every byte back over a Unix-domain socket.")
            .options(UnixSockets.PATH, MODE, MAX_CONNECTIONS, BACKLOG, QUIET)
            .options(STREAM_INSTANCE);

    public static final List<OptionTable> COMMANDS = List.of(HTTP, TCP, UNIX);

    private ServerOptions() {}

    private static long seed(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, got " + LogText.quote(text));
        }
    }
}
