package dev.duet.server.http;

import java.util.List;
import java.util.Map;

/** The JSON echo: everything about one request, and who answered it. */
record EchoDocument(
        String method,
        String target,
        String path,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        String body,
        String bodyEncoding,
        Peer client,
        Answerer server) {

    record Peer(String address, int port) {}

    /** @param name the instance's --name, else its hostname */
    record Answerer(String name, String hostname, List<String> addresses, String address, int port) {}
}
