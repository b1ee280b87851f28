package dev.duet.common;

/** Where the server and the client meet over the network when no port is given. */
public final class Ports {
    /** The article's port, for HTTP and TCP alike. */
    public static final int DEFAULT = 8888;

    /** The UDP echo's. */
    public static final int UDP_DEFAULT = 9001;

    private Ports() {}
}
