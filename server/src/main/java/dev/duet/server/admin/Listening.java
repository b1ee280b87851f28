package dev.duet.server.admin;

/**
 * One port or socket the instance listens on, as /version lists it.
 *
 * @param plane     echo or admin
 * @param transport http, tcp or unix
 * @param address   HOST:PORT, or the socket file's path
 */
public record Listening(String plane, String transport, String address) {}
