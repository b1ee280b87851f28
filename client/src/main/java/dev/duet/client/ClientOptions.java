package dev.duet.client;

import dev.duet.client.bench.BenchValues;
import dev.duet.client.bench.Threshold;
import dev.duet.client.bench.Timetable;
import dev.duet.client.faults.Fault;
import dev.duet.client.grpc.GrpcMetadata;
import dev.duet.client.http.HttpMethodName;
import dev.duet.client.http.RequestHeader;
import dev.duet.client.http.Routes;
import dev.duet.client.stream.HostPort;
import dev.duet.client.udp.NumberedDatagram;
import dev.duet.common.Option;
import dev.duet.common.OptionTable;
import dev.duet.common.Ports;
import dev.duet.common.UnixSockets;
import dev.duet.common.ValueType;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every option of {@code duet-client}, declared once, and the table of each command. The parser,
 * {@code --help}, the environment lookup and docs/configuration.md are all made from these; the
 * config records of each mode read their values by these constants.
 */
public final class ClientOptions {
    public static final String PROGRAM = "duet-client";

    // --- where to -------------------------------------------------------------------------------

    public static final Option<String> URL = Option.required("--url", ValueType.TEXT.named("URL"))
            .env("DUET_URL")
            .help("what to GET; \"http://\" may be left out: localhost:8888/hello");

    private static final ValueType<InetSocketAddress> HOST_PORT =
            ValueType.of("HOST:PORT", HostPort::parse, HostPort::format, "example:4321");

    public static final Option<InetSocketAddress> ADDRESS = Option.of(
                    "--address", HOST_PORT, InetSocketAddress.createUnresolved("localhost", Ports.DEFAULT))
            .env("DUET_ADDRESS")
            .help("where the echo server listens");

    public static final Option<InetSocketAddress> UDP_ADDRESS = Option.of(
                    "--address", HOST_PORT, InetSocketAddress.createUnresolved("localhost", Ports.UDP_DEFAULT))
            .env("DUET_ADDRESS")
            .help("where the UDP echo server listens");

    public static final Option<String> WS_URL = Option.required("--url", ValueType.TEXT.named("URL"))
            .env("DUET_URL")
            .help("the WebSocket, ws://host:port/path or wss://...; \"ws://\" may be left out");

    public static final Option<String> GRPC_URL = Option.required("--url", ValueType.TEXT.named("URL"))
            .env("DUET_URL")
            .help("the gRPC server: http://host:port (h2c) or https://host:port (TLS); \"http://\" may be left out");

    // --- the article's loop: how often, how many -----------------------------------------------

    public static final Option<Optional<Duration>> INTERVAL = Option.optional("--interval", ValueType.POSITIVE_TIME)
            .env("DUET_INTERVAL")
            .shownAs("none: back to back")
            .help("repeat every TIME at a fixed rate, like setInterval (the article's pace is 3s)");

    public static final Option<Optional<Integer>> GET_COUNT = Option.optional(
                    "--count", ValueType.count(1, Integer.MAX_VALUE))
            .env("DUET_COUNT")
            .shownAs("1; with --interval, until interrupted; with --tally, 20")
            .help("how many requests");

    public static final Option<Optional<Integer>> COUNT = Option.optional(
                    "--count", ValueType.count(1, Integer.MAX_VALUE))
            .env("DUET_COUNT")
            .shownAs("1; with --interval, until interrupted")
            .help("how many messages");

    public static final Option<Duration> TIMEOUT = Option.of(
                    "--timeout", ValueType.POSITIVE_TIME, Duration.ofSeconds(10))
            .env("DUET_TIMEOUT")
            .help("limit on connecting and on each wait for an answer");

    public static final Option<Duration> RETRY_FOR = Option.of("--retry-for", ValueType.TIME, Duration.ZERO)
            .env("DUET_RETRY_FOR")
            .help("keep retrying, with backoff, while the server cannot be reached");

    public static final Option<Boolean> JSON = Option.flag("--json")
            .env("DUET_JSON")
            .help("report each request as one JSON object: status, body, timings (--tally: one for the run); the"
                    + " server's JSON echo is -H 'Accept: application/json'");

    public static final Option<Boolean> TALLY = Option.flag("--tally")
            .env("DUET_TALLY")
            .help("which replica answered: --count requests, each on a new connection; a table of answers per server");

    public static final Option<String> MESSAGE = Option.of("--message", ValueType.NON_EMPTY_TEXT, "hello")
            .env("DUET_MESSAGE")
            .help("what to send");

    // --- datagrams (udp, bench udp) ------------------------------------------------------------

    public static final Option<Long> DATAGRAM_SIZE = Option.of(
                    "--size", ValueType.size(NumberedDatagram.SMALLEST, NumberedDatagram.LARGEST), 64L)
            .env("DUET_SIZE")
            .help("bytes a datagram: its number and sending time, then dots");

    public static final Option<Duration> DATAGRAM_TIMEOUT = Option.of(
                    "--timeout", ValueType.POSITIVE_TIME, Duration.ofSeconds(2))
            .env("DUET_TIMEOUT")
            .help("how long each datagram's echo may take; after that it counts as lost");

    public static final Option<Boolean> UDP_JSON = Option.flag("--json")
            .env("DUET_JSON")
            .help("print the run as one JSON object: the counts, which datagrams each one names, the round trips");

    public static final Option<Optional<BenchValues.Rate>> DATAGRAM_RATE = Option.optional("--rate", BenchValues.RATE)
            .env("DUET_RATE")
            .shownAs("1000, unless --stages")
            .help("datagrams a second on a timetable (an open loop: sending never waits for an echo),"
                    + " or FROM..TO rising (or falling) in a line");

    // --- what an HTTP request carries (get, bench) -------------------------------------------

    public static final Option<Boolean> HTTP2 = Option.flag("--http2")
            .env("DUET_HTTP2")
            .help("HTTP/2: by ALPN over https, by prior knowledge (h2c) over http");

    public static final Option<Optional<String>> METHOD = Option.optional("--request", HttpMethodName.TYPE)
            .alias("-X")
            .env("DUET_METHOD")
            .shownAs("GET; POST with --data")
            .help("the request method");

    public static final Option<List<RequestHeader>> HEADER = Option.repeatable("--header", RequestHeader.TYPE)
            .alias("-H")
            .env("DUET_HEADERS")
            .help("add a request header; repeatable (the variable: one a line)");

    public static final Option<Optional<String>> DATA = Option.optional("--data", ValueType.TEXT.named("DATA"))
            .alias("-d")
            .env("DUET_DATA")
            .help("send DATA as the body, or the bytes of @FILE, as curl -d does");

    public static final Option<Boolean> RUN_ID = Option.of("--run-id", ValueType.ON_OFF, true)
            .env("DUET_RUN_ID")
            .help("number each request (X-Duet-Run, X-Duet-Seq) so a Duet server counts what arrives: the"
                    + " path's retries, losses and cached answers show (docs/between.md)");

    public static final Option<Boolean> INCLUDE = Option.flag("--include")
            .alias("-i")
            .env("DUET_INCLUDE")
            .help("print the answer's headers after the status line");

    // --- gRPC (grpc, bench grpc) ---------------------------------------------------------------

    public static final Option<List<GrpcMetadata>> METADATA = Option.repeatable("--metadata", GrpcMetadata.TYPE)
            .env("DUET_METADATA")
            .help("add call metadata, KEY:VALUE; repeatable (the variable: one a line)");

    public static final Option<Boolean> GRPC_JSON = Option.flag("--json")
            .env("DUET_JSON")
            .help("report each call as one JSON object: status, message, timings, and what the server received");

    public static final Option<Boolean> STREAM = Option.flag("--stream")
            .env("DUET_STREAM")
            .help("round trips over one EchoStream call per worker (bidirectional) instead of unary Echo calls");

    // --- what curl's flags do to a get ---------------------------------------------------------

    public static final Option<Optional<Path>> OUTPUT = Option.optional("--output", ValueType.PATH.named("FILE"))
            .alias("-o")
            .env("DUET_OUTPUT")
            .help("write the body to FILE, byte for byte (- is stdout); the status line stays on stdout");

    public static final Option<Boolean> VERBOSE = Option.flag("--verbose")
            .alias("-v")
            .env("DUET_VERBOSE")
            .help("print each request's and answer's headers to stderr, credentials hidden");

    public static final Option<Boolean> LOCATION = Option.flag("--location")
            .alias("-L")
            .env("DUET_LOCATION")
            .help("follow redirects, up to " + Failure.MAX_REDIRECTS + " (then exit 47, as curl)");

    public static final Option<List<Routes.Resolve>> RESOLVE = Option.repeatable("--resolve", Routes.Resolve.TYPE)
            .env("DUET_RESOLVE")
            .help("connect to ADDR for HOST on PORT, with no DNS lookup; repeatable (the variable: one a line)");

    public static final Option<List<Routes.ConnectTo>> CONNECT_TO = Option.repeatable(
                    "--connect-to", Routes.ConnectTo.TYPE)
            .env("DUET_CONNECT_TO")
            .help("for HOST on PORT connect to HOST2 on PORT2 (empty: any, or the same); the Host header and"
                    + " TLS name stay; repeatable");

    // --- TLS (get, bench, ws, tcp) --------------------------------------------------------------

    public static final Option<Optional<Path>> CACERT = Option.optional("--cacert", ValueType.PATH.named("FILE"))
            .env("DUET_CACERT")
            .shownAs("the JDK's trusted CAs")
            .help("trust the certificates in this PEM file: a CA, or a server's own");

    public static final Option<Boolean> INSECURE = Option.flag("--insecure")
            .alias("-k")
            .env("DUET_INSECURE")
            .help("trust any server certificate, for any host: for tests only");

    public static final Option<Optional<Path>> CERT = Option.optional("--cert", ValueType.PATH.named("FILE"))
            .env("DUET_CERT")
            .help("mutual TLS: present this certificate (PEM), with --key");

    public static final Option<Optional<Path>> KEY = Option.optional("--key", ValueType.PATH.named("FILE"))
            .env("DUET_KEY")
            .help("the private key of --cert (PEM: PKCS#8, or PKCS#1 RSA)");

    private static final Option<?>[] TLS = {CACERT, INSECURE, CERT, KEY};

    public static final Option<Boolean> STREAM_TLS = Option.flag("--tls")
            .env("DUET_TLS")
            .help(
                    "speak TLS (as duet-server tcp --tls), checking the certificate as https does; --cacert, -k and --cert"
                            + " imply it");

    // --- load ---------------------------------------------------------------------------------

    public static final Option<Integer> CONCURRENCY = Option.of("--concurrency", ValueType.count(1, 10_000), 50)
            .env("DUET_CONCURRENCY")
            .help("connections; each sends again as soon as it is answered, or when --rate says");

    public static final Option<Integer> CHILDREN = Option.of("--concurrency", ValueType.count(1, 256), 1)
            .env("DUET_CONCURRENCY")
            .help("child processes, each sent a message again as soon as it answers");

    public static final Option<Optional<Duration>> DURATION = Option.optional("--duration", ValueType.POSITIVE_TIME)
            .env("DUET_DURATION")
            .shownAs("10s; --ramp's; with -n, until done")
            .help("how long to load");

    public static final Option<Optional<BenchValues.Rate>> RATE = Option.optional("--rate", BenchValues.RATE)
            .env("DUET_RATE")
            .shownAs("none: a closed loop")
            .help("requests a second on a timetable (an open loop), or FROM..TO rising (or falling) in a line;"
                    + " latency counts from when each was due");

    public static final Option<Optional<Duration>> RAMP = Option.optional("--ramp", ValueType.POSITIVE_TIME)
            .env("DUET_RAMP")
            .shownAs("the whole --duration")
            .help("with --rate FROM..TO: reach TO after TIME, then hold it");

    public static final Option<Optional<List<Timetable.Stage>>> STAGES = Option.optional("--stages", BenchValues.STAGES)
            .env("DUET_STAGES")
            .help(
                    "an open loop in k6's stages, TIME:RATE,...: each goes in a line from the last one's rate (first: 0)");

    public static final Option<Optional<Integer>> REQUESTS = Option.optional(
                    "--requests", ValueType.count(1, Integer.MAX_VALUE))
            .alias("-n")
            .env("DUET_REQUESTS")
            .shownAs("none: as many as the time allows")
            .help("make exactly N requests, then stop");

    public static final Option<Boolean> NO_CATCHUP = Option.flag("--no-catchup")
            .env("DUET_NO_CATCHUP")
            .help("open loop: a connection a stall held up drops (and counts) the requests it owes, but the last,"
                    + " instead of sending them at once");

    public static final Option<Optional<Integer>> THREADS = Option.optional("--threads", ValueType.count(1, 256))
            .env("DUET_THREADS")
            .shownAs("half the cores, at least 1")
            .help("threads driving the connections of a plain http:// load (HTTP/1.1)");

    public static final Option<Boolean> BENCH_JSON =
            Option.flag("--json").env("DUET_JSON").help("print the summary as one JSON object");

    public static final Option<Optional<Path>> HISTOGRAM = Option.optional("--histogram", ValueType.PATH.named("FILE"))
            .env("DUET_HISTOGRAM")
            .help("write the latency distribution to FILE (HdrHistogram's .hgrm text, in milliseconds)");

    public static final Option<Boolean> FAIL_ON_ERROR = Option.flag("--fail-on-error")
            .env("DUET_FAIL_ON_ERROR")
            .help("exit 1 when any request failed (without it: only when none was answered)");

    public static final Option<List<Threshold>> THRESHOLD = Option.repeatable("--threshold", Threshold.TYPE)
            .env("DUET_THRESHOLDS")
            .help("fail (exit " + Failure.Kind.THRESHOLD_BROKEN.exitCode() + ") unless it holds: p99<50ms,"
                    + " errors<0.1%, rate>=0.95*target; repeatable (the variable: one a line)");

    public static final Option<Boolean> ABORT_ON_THRESHOLD = Option.flag("--abort-on-threshold")
            .env("DUET_ABORT_ON_THRESHOLD")
            .help("stop as soon as a --threshold breaks on the run so far (checked once a second)");

    public static final Option<List<Double>> PERCENTILES = Option.of(
                    "--percentiles", BenchValues.PERCENTILES, BenchValues.DEFAULT_PERCENTILES)
            .env("DUET_PERCENTILES")
            .help("the latency percentiles to report (the slowest, max, always)");

    public static final Option<Optional<Path>> REPORT_HTML = Option.optional("--report", ValueType.PATH.named("FILE"))
            .env("DUET_REPORT")
            .help("write the run as one HTML page of plots, which opens offline");

    private static final Option<?>[] REPORT = {
        RATE,
        RAMP,
        STAGES,
        REQUESTS,
        NO_CATCHUP,
        BENCH_JSON,
        HISTOGRAM,
        REPORT_HTML,
        PERCENTILES,
        THRESHOLD,
        ABORT_ON_THRESHOLD,
        FAIL_ON_ERROR
    };

    /**
     * bench udp's: all but --rate, whose default there is a rate, never a closed loop; and
     * --no-catchup, as a datagram's number is its slot in the timetable.
     */
    private static final Option<?>[] DATAGRAM_REPORT =
            Arrays.stream(REPORT).filter(o -> o != RATE && o != NO_CATCHUP).toArray(Option<?>[]::new);

    // --- merge and report of saved runs ---------------------------------------------------------

    public static final Option<List<Path>> RUNS = Option.repeatable("--run", ValueType.PATH.named("FILE"))
            .env("DUET_RUNS")
            .help("a saved run (bench --json's output; - for stdin), JSON lines allowed; repeatable, or bare");

    public static final Option<Path> MERGED_OUT = Option.of("--out", ValueType.PATH.named("FILE"), Path.of("-"))
            .env("DUET_OUT")
            .help("where the merged run goes, as bench --json writes it (- for stdout)");

    public static final Option<Path> REPORT_OUT = Option.required("--out", ValueType.PATH.named("FILE"))
            .env("DUET_OUT")
            .help("the HTML page to write");

    public static final Option<Boolean> BENCH_TALLY = Option.flag("--tally")
            .env("DUET_TALLY")
            .help("which replica answered (X-Duet-Seen): each one's share, latency and errors, and answers a"
                    + " second; each new connection looks the name up again");

    // --- diff ---------------------------------------------------------------------------------

    public static final Option<Boolean> DIFF_JSON = Option.flag("--json")
            .env("DUET_JSON")
            .help("print what the path changed as one JSON object, every key present");

    public static final Option<Boolean> EXPECT_SAME = Option.flag("--expect-same")
            .env("DUET_EXPECT_SAME")
            .help("exit 1 when the path changed anything: for CI (\"our ingress must not touch requests\")");

    public static final Option<String> CHILD_MESSAGE = Option.of("--message", ValueType.NON_EMPTY_TEXT, "hi")
            .env("DUET_MESSAGE")
            .help("what each round trip sends");

    // --- faults: what the path does when the server fails ----------------------------------------

    public static final Option<List<Fault>> ONLY = Option.of("--only", Fault.LIST, Fault.all())
            .env("DUET_FAULTS_ONLY")
            .shownAs("all of them")
            .help("the faults to ask for, comma-separated: "
                    + String.join(",", Fault.all().stream().map(Fault::word).toList()));

    public static final Option<Duration> SLOW = Option.of("--slow", ValueType.POSITIVE_TIME, Duration.ofSeconds(65))
            .env("DUET_SLOW")
            .help("how late the slow answer comes, and how long the trickled one takes: past the 60s read"
                    + " timeout of nginx and of most load balancers");

    public static final Option<Optional<Duration>> FAULTS_TIMEOUT = Option.optional(
                    "--timeout", ValueType.POSITIVE_TIME)
            .env("DUET_TIMEOUT")
            .shownAs("--slow + 15s")
            .help("how long each outcome is waited for; against the server itself, the hang takes this long");

    public static final Option<Long> BIG_BODY = Option.of(
                    "--big-body", ValueType.size(1, Integer.MAX_VALUE - 8), 10L * 1024 * 1024)
            .env("DUET_BIG_BODY")
            .help("the size of the big-body answer (a Duet server gives up to its --max-body)");

    public static final Option<Boolean> FAULTS_JSON = Option.flag("--json")
            .env("DUET_JSON")
            .help("print an array of objects: fault, status, error, ms, connectionKept, serverSaw");

    // --- limits: the walls of the path ------------------------------------------------------------

    public static final Option<Long> MAX_TARGET = Option.of("--max-target", ValueType.size(64, 1 << 30), 64L * 1024)
            .env("DUET_LIMITS_MAX_TARGET")
            .help("try request targets up to this size");

    public static final Option<Long> MAX_HEADER_SIZE = Option.of(
                    "--max-header-size", ValueType.size(64, 1 << 30), 64L * 1024)
            .env("DUET_LIMITS_MAX_HEADER_SIZE")
            .help("try one header's value, and a whole request head, up to this size");

    public static final Option<Integer> MAX_HEADERS = Option.of("--max-headers", ValueType.count(16, 1_000_000), 1000)
            .env("DUET_LIMITS_MAX_HEADERS")
            .help("try up to this many header fields in a request");

    public static final Option<Long> MAX_BODY = Option.of("--max-body", ValueType.size(1, 1 << 30), 16L * 1024 * 1024)
            .env("DUET_LIMITS_MAX_BODY")
            .help("try request bodies up to this size");

    public static final Option<Long> MAX_MESSAGE = Option.of(
                    "--max-message", ValueType.size(1, 16L * 1024 * 1024 - 1), 4L * 1024 * 1024)
            .env("DUET_LIMITS_MAX_MESSAGE")
            .help("try WebSocket messages up to this size");

    public static final Option<Boolean> LIMITS_JSON = Option.flag("--json")
            .env("DUET_JSON")
            .help("print one object: target, headerValue, headerSection, headerCount, body, wsMessage, each"
                    + " {largest, smallestRefused, refusedAs}");

    // --- the commands ---------------------------------------------------------------------------

    public static final OptionTable GET = OptionTable.of(
                    PROGRAM, "get", "GET the URL; print \"statusCode: <code>\" and the body.")
            .positional(URL)
            .options(
                    URL, INTERVAL, GET_COUNT, TIMEOUT, RETRY_FOR, JSON, TALLY, INCLUDE, HTTP2, METHOD, HEADER, DATA,
                    RUN_ID)
            .options(OUTPUT, VERBOSE, LOCATION, RESOLVE, CONNECT_TO)
            .options(TLS);

    public static final OptionTable DIFF = OptionTable.of(
                    PROGRAM,
                    "diff",
                    "Send one request and ask the server what arrived; print what the path between changed.")
            .positional(URL)
            .options(URL, TIMEOUT, DIFF_JSON, EXPECT_SAME, HTTP2, METHOD, HEADER, DATA)
            .options(TLS)
            .notes("Nothing is printed when nothing changed; else a line a difference. The server must be a Duet"
                    + " server\n(its JSON echo says what arrived); docs/between.md shows it through nginx.");

    public static final OptionTable FAULTS = OptionTable.of(
                    PROGRAM, "faults", "Ask the server for each failure through URL; print what reached the client.")
            .positional(URL)
            .options(URL, ONLY, SLOW, FAULTS_TIMEOUT, BIG_BODY, FAULTS_JSON, HEADER)
            .options(TLS)
            .notes(faultNotes());

    public static final OptionTable LIMITS = OptionTable.of(
                    PROGRAM,
                    "limits",
                    "Find the largest target, header, head, header count, body and WebSocket message that reach"
                            + " the server through URL.")
            .positional(URL)
            .options(URL, MAX_TARGET, MAX_HEADER_SIZE, MAX_HEADERS, MAX_BODY, MAX_MESSAGE, TIMEOUT, LIMITS_JSON, HEADER)
            .options(TLS)
            .notes("Each size is searched for with at most 41 requests (a ladder of doubling sizes, then halving),"
                    + " each on a\nconnection of its own; a request passes when the server's JSON echo"
                    + " shows every byte sent arrived.\nFor each: the largest that passed, the smallest"
                    + " refused, and how: a status (414, 431, 413, 400), how the\nconnection ended (closed,"
                    + " reset, timeout), a WebSocket close code (1009: too big), or altered (it\narrived"
                    + " changed). A Duet server states its own limits at /version on its control plane.");

    public static final OptionTable TCP = OptionTable.of(
                    PROGRAM, "tcp", "Send a message over TCP on an interval; print each echo.")
            .positional(ADDRESS)
            .options(ADDRESS, MESSAGE, INTERVAL, COUNT, TIMEOUT, STREAM_TLS)
            .options(TLS);

    public static final OptionTable UNIX = OptionTable.of(PROGRAM, "unix", "The same over a Unix-domain socket.")
            .positional(UnixSockets.PATH)
            .options(UnixSockets.PATH, MESSAGE, INTERVAL, COUNT, TIMEOUT);

    public static final OptionTable UDP = OptionTable.of(
                    PROGRAM,
                    "udp",
                    "Send numbered datagrams; time each echo; say which were lost, duplicated, reordered.")
            .positional(UDP_ADDRESS)
            .options(UDP_ADDRESS, COUNT, INTERVAL, DATAGRAM_SIZE, DATAGRAM_TIMEOUT, UDP_JSON);

    public static final OptionTable WS = OptionTable.of(
                    PROGRAM, "ws", "Send a message over a WebSocket on an interval; check and time each echo.")
            .positional(WS_URL)
            .options(WS_URL, MESSAGE, INTERVAL, COUNT, TIMEOUT)
            .options(TLS);

    public static final OptionTable FORK = OptionTable.of(
                    PROGRAM, "fork", "Start a child process that says hello; answer it hi.")
            .options(INTERVAL, COUNT);

    public static final OptionTable BENCH = OptionTable.of(
                    PROGRAM, "bench", "Load an HTTP server with requests; report the rate and latency percentiles.")
            .positional(URL)
            .options(URL, CONCURRENCY, DURATION, TIMEOUT, THREADS)
            .options(REPORT)
            .options(HTTP2, METHOD, HEADER, DATA, RUN_ID, BENCH_TALLY)
            .options(TLS);

    public static final OptionTable BENCH_TCP = OptionTable.of(
                    PROGRAM, "bench tcp", "Load a TCP echo server with round trips; the same report.")
            .positional(ADDRESS)
            .options(ADDRESS, MESSAGE, CONCURRENCY, DURATION, TIMEOUT)
            .options(REPORT);

    public static final OptionTable BENCH_UNIX = OptionTable.of(
                    PROGRAM, "bench unix", "Load a Unix-socket echo server with round trips; the same report.")
            .positional(UnixSockets.PATH)
            .options(UnixSockets.PATH, MESSAGE, CONCURRENCY, DURATION, TIMEOUT)
            .options(REPORT);

    public static final OptionTable BENCH_UDP = OptionTable.of(
                    PROGRAM, "bench udp", "Load a UDP echo server at a rate; the same report, with the datagrams lost.")
            .positional(UDP_ADDRESS)
            .options(UDP_ADDRESS, DATAGRAM_SIZE, DURATION, DATAGRAM_TIMEOUT, DATAGRAM_RATE)
            .options(DATAGRAM_REPORT);

    public static final OptionTable BENCH_FORK = OptionTable.of(
                    PROGRAM, "bench fork", "Round trips with child JVMs that echo; the same report.")
            .options(CHILD_MESSAGE, CHILDREN, DURATION, TIMEOUT)
            .options(REPORT);

    public static final OptionTable BENCH_WS = OptionTable.of(
                    PROGRAM,
                    "bench ws",
                    "Load a WebSocket echo with round trips, one socket a connection; the same report.")
            .positional(WS_URL)
            .options(WS_URL, MESSAGE, CONCURRENCY, DURATION, TIMEOUT)
            .options(REPORT)
            .options(TLS);

    public static final OptionTable MERGE = OptionTable.of(
                    PROGRAM,
                    "merge",
                    "Merge runs made at the same time (bench --json): counts summed, histograms merged.")
            .positional(RUNS)
            .options(RUNS, MERGED_OUT, PERCENTILES)
            .notes("The merged percentiles come from the runs' merged histograms, never from their own"
                    + " percentiles;\ndocs/channels.md shows load from N machines on Swarm and Kubernetes.");

    public static final OptionTable REPORT_PAGE = OptionTable.of(
                    PROGRAM, "report", "Write one HTML page that overlays saved runs (bench --json), to compare them.")
            .positional(RUNS)
            .options(RUNS, REPORT_OUT);

    public static final OptionTable GRPC = OptionTable.of(
                    PROGRAM, "grpc", "Call duet.v1.Echo/Echo over gRPC; print the status and the message echoed.")
            .positional(GRPC_URL)
            .options(GRPC_URL, MESSAGE, METADATA, INTERVAL, COUNT, TIMEOUT, GRPC_JSON)
            .options(TLS)
            .notes("docs/channels.md has the .proto; the server's answer also says what it received (--json).");

    public static final OptionTable BENCH_GRPC = OptionTable.of(
                    PROGRAM,
                    "bench grpc",
                    "Load a gRPC echo with Echo calls (or EchoStream round trips); the same report.")
            .positional(GRPC_URL)
            .options(GRPC_URL, MESSAGE, METADATA, STREAM, CONCURRENCY, DURATION, TIMEOUT)
            .options(REPORT)
            .options(TLS);

    public static final OptionTable SELF_TEST =
            OptionTable.of(PROGRAM, "self-test", "GET a throwaway local responder: does this client work here?");

    /** Every command; the first runs when none is named. */
    public static final List<OptionTable> COMMANDS = List.of(
            GET,
            DIFF,
            FAULTS,
            LIMITS,
            TCP,
            UNIX,
            UDP,
            WS,
            FORK,
            GRPC,
            BENCH,
            BENCH_TCP,
            BENCH_UNIX,
            BENCH_UDP,
            BENCH_FORK,
            BENCH_WS,
            BENCH_GRPC,
            MERGE,
            REPORT_PAGE,
            SELF_TEST);

    private ClientOptions() {}

    private static String faultNotes() {
        StringBuilder notes = new StringBuilder("The faults, each asked of a Duet server (X-Duet-* controls) on a"
                + " connection of its own, all at once:");
        for (Fault fault : Fault.values()) {
            notes.append(String.format("%n  %-11s %s", fault.word(), fault.what()));
        }
        return notes.append(String.format("%nFor each: the status or error that reached the client, when, whether the"
                        + " connection was kept, and how%nmany times the server saw the request"
                        + " (more than once: a hop retried it). docs/between.md shows it through nginx."))
                .toString();
    }
}
