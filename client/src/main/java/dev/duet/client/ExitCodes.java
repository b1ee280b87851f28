package dev.duet.client;

/**
 * The client's exit codes, curl's numbers wherever curl has one, so scripts that know curl know
 * these. Every channel (get, tcp, unix, fork) uses the same ones.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** {@code fork}: the child died before the parent closed the channel; {@code bench}: requests failed. */
    public static final int FAILED = 1;

    public static final int USAGE = dev.duet.common.Cli.USAGE;
    public static final int MALFORMED_URL = 3;
    public static final int UNKNOWN_HOST = 6;
    public static final int CANNOT_CONNECT = 7;
    public static final int HTTP_ERROR = 22;
    public static final int TIMEOUT = 28;
    public static final int TLS_ERROR = 35;
    public static final int EMPTY_REPLY = 52;
    /** The connection broke mid-answer, or a stream echo came back incomplete. */
    public static final int RECEIVE_ERROR = 56;

    private ExitCodes() {}
}
