package dev.duet.client;

import dev.duet.common.LogText;

/**
 * Why a run failed, in the client's own terms: the one line the user reads, and a {@link Kind}
 * that says the exit code. Every channel (get, tcp, unix, fork, bench) uses it.
 */
public final class Failure extends Exception {
    /**
     * What went wrong, and the exit code it gives: curl's number wherever curl has one, so scripts
     * that know curl know these. The one table of exit codes; --help and docs/operations.md show it.
     */
    public enum Kind {
        MALFORMED_URL(3, "malformed URL"),
        UNKNOWN_HOST(6, "unknown host"),
        CANNOT_CONNECT(
                7,
                "cannot connect: refused, network unreachable, no route, connect timed out, no socket file (bench: at"
                        + " every attempt)"),
        WEIRD_ANSWER(8, "the answer is not HTTP (a malformed status line)"),
        HTTP_ERROR(22, "an HTTP status of 400 or more (the answer is still printed)"),
        GRPC_ERROR(22, "grpc: a status other than OK from the server (the status is still printed)"),
        OUTPUT_FILE(23, "the -o FILE cannot be written"),
        DATA_FILE(26, "the -d @FILE cannot be read"),
        RUN_FILE(26, "merge, report: a run FILE cannot be read, or is not what bench --json writes"),
        TIMEOUT(28, "timeout: no answer in time"),
        TLS_HANDSHAKE(35, "TLS handshake failed"),
        TOO_MANY_REDIRECTS(47, "-L: more redirects than " + MAX_REDIRECTS),
        EMPTY_REPLY(52, "the server closed the connection without an answer"),
        BROKEN_ANSWER(56, "the connection failed mid-answer, or the answer's headers are over 256 KiB"),
        ECHO_MISMATCH(56, "an echo (stream, WebSocket or datagram) came back incomplete or different"),
        CLIENT_CERTIFICATE(58, "the --cert or --key file cannot be read or used"),
        UNTRUSTED_CERTIFICATE(60, "the server's certificate is not trusted, or is not for that host"),
        CA_CERTIFICATE(77, "the --cacert file cannot be read"),
        CHILD_DIED(1, "fork: the child process died before the parent closed the channel"),
        NOT_THE_ECHO(
                1, "diff: the answer is not the server's JSON echo of this request (not Duet, or a cache answered)"),
        PATH_CHANGED(1, "diff --expect-same: the path between client and server changed the request"),
        THRESHOLD_BROKEN(
                99,
                "bench --threshold: a threshold did not hold (the line names which; k6's code for it),"
                        + " also when --abort-on-threshold stopped the run"),
        REQUESTS_FAILED(
                1,
                "bench: nothing was answered (exit 7 if nothing connected), or (--fail-on-error) something failed;"
                        + " get --tally: a request failed");

        private final int exitCode;
        private final String meaning;

        Kind(int exitCode, String meaning) {
            this.exitCode = exitCode;
            this.meaning = meaning;
        }

        /** The process's exit code for a failure of this kind. */
        public int exitCode() {
            return exitCode;
        }

        /** For the exit-code table in {@code --help} and the docs. */
        public String meaning() {
            return meaning;
        }
    }

    /** How many redirects -L follows: OkHttp's own bound (curl's is 50). */
    public static final int MAX_REDIRECTS = 20;

    private final Kind kind;
    private final boolean shown;

    public Failure(Kind kind, String message) {
        this(kind, message, false);
    }

    private Failure(Kind kind, String message, boolean shown) {
        super(message);
        this.kind = kind;
        this.shown = shown;
    }

    public Kind kind() {
        return kind;
    }

    /** The line on stderr; text from the network in it is escaped, so it cannot drive the terminal. */
    public String line() {
        return ClientOptions.PROGRAM + ": " + LogText.escape(getMessage(), 2000);
    }

    /** The same failure, its line already printed (by a run that kept going after it). */
    public Failure alreadyShown() {
        return new Failure(kind, getMessage(), true);
    }

    /** True when its line was printed already and only its exit code is left to give. */
    public boolean shown() {
        return shown;
    }
}
