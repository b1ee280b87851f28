package dev.duet.client;

import dev.duet.common.LogText;

/**
 * Why a run failed, in the client's own terms: the one line the user reads, and a {@link Kind}
 * that {@link Main} turns into an exit code. Every channel (get, tcp, unix, fork, bench) uses it.
 */
public final class Failure extends Exception {
    /** What went wrong; each has one exit code, in {@link Main#EXIT_CODES}. */
    public enum Kind {
        MALFORMED_URL("malformed URL"),
        UNKNOWN_HOST("unknown host"),
        CANNOT_CONNECT("cannot connect (refused, no route, no socket file)"),
        WEIRD_ANSWER("the answer is not HTTP (a malformed status line)"),
        HTTP_ERROR("an HTTP status of 400 or more (the answer is still printed)"),
        TIMEOUT("timeout"),
        TLS_HANDSHAKE("TLS handshake failed"),
        EMPTY_REPLY("the server closed the connection without an answer"),
        BROKEN_ANSWER("the connection failed mid-answer, or the answer's headers are over 256 KiB"),
        ECHO_MISMATCH("an echo (stream or WebSocket) came back incomplete or different"),
        CLIENT_CERTIFICATE("the --cert or --key file cannot be read or used"),
        CA_CERTIFICATE("the --cacert file cannot be read"),
        DATA_FILE("the -d @FILE cannot be read"),
        UNTRUSTED_CERTIFICATE("the server's certificate is not trusted, or is not for that host"),
        CHILD_DIED("fork: the child process died before the parent closed the channel"),
        NOT_THE_ECHO("diff: the answer is not the server's JSON echo of this request (not Duet, or a cache answered)"),
        PATH_CHANGED("diff --expect-same: the path between client and server changed the request"),
        REQUESTS_FAILED(
                "bench: nothing was answered, or (--fail-on-error) something failed; get --tally: a request failed");

        private final String meaning;

        Kind(String meaning) {
            this.meaning = meaning;
        }

        /** For the exit-code table in {@code --help} and the docs. */
        public String meaning() {
            return meaning;
        }
    }

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
