package dev.duet.server.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.duet.server.http.HttpServerConfig;

/**
 * One port or socket the instance listens on, as /version lists it.
 *
 * @param plane     echo or admin
 * @param transport http, tcp or unix
 * @param address   HOST:PORT, or the socket file's path
 * @param limits    what the HTTP echo accepts at most; null for the other listeners
 */
public record Listening(
        String plane,
        String transport,
        String address,
        @JsonInclude(JsonInclude.Include.NON_NULL) Limits limits) {

    public Listening(String plane, String transport, String address) {
        this(plane, transport, address, null);
    }

    /**
     * The HTTP echo's limits in bytes, named as the options that set them, so a user (or {@code
     * duet-client limits}) can tell the server's own walls from those of what stands between.
     *
     * @param maxHeaderSize the request line and headers together: past it, 414 or 431
     * @param maxBody       a request body: past it, 413
     * @param maxMessage    a WebSocket message: past it, the socket closes with 1009
     */
    public record Limits(long maxHeaderSize, long maxBody, long maxMessage) {
        public static Limits of(HttpServerConfig config) {
            return new Limits(config.maxHeaderBytes(), config.maxBodyBytes(), config.maxMessageBytes());
        }
    }
}
