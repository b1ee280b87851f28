package dev.duet.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The JSON echo: everything about one request, and who answered it.
 *
 * @param headers    the header values by name, names as received (HTTP/2 lower-cases them)
 * @param rawHeaders every header as a [name, value] pair, in the order and case received, as
 *     Node's {@code req.rawHeaders} gives them: what {@code duet-client diff} compares
 * @param caseUnknown the names in {@code rawHeaders} whose case the server cannot vouch for: over
 *     HTTP/1.x, Jetty's parser spells the standard headers it knows (Host, User-Agent, ...) its own
 *     way, whatever its compliance mode
 * @param bodySha256 the body's SHA-256, in lower-case hex
 */
record EchoDocument(
        String method,
        String target,
        String path,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        List<List<String>> rawHeaders,
        List<String> caseUnknown,
        String body,
        String bodyEncoding,
        int bodyBytes,
        String bodySha256,
        String protocol,
        @JsonInclude(JsonInclude.Include.NON_NULL) RequestTls tls,
        Peer client,
        Answerer server) {

    record Peer(String address, int port) {}

    /** @param name the instance's --name, else its hostname */
    record Answerer(String name, String hostname, List<String> addresses, String address, int port) {}
}
