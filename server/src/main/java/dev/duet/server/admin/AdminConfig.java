package dev.duet.server.admin;

/**
 * Where the control plane listens, and how much the inspector keeps.
 *
 * @param history how many recent requests and connections the inspector keeps and shows
 */
public record AdminConfig(String host, int port, int history) {}
