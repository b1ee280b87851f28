package dev.duet.server.admin;

/**
 * Where the control plane listens, how much the inspector keeps, and the token a request that
 * changes something must carry.
 *
 * @param history how many recent requests and connections the inspector keeps and shows
 */
public record AdminConfig(String host, int port, int history, AdminToken token) {

    /** With no token: every request is let in. For tests and embedders. */
    public AdminConfig(String host, int port, int history) {
        this(host, port, history, AdminToken.NONE);
    }
}
