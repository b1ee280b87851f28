package dev.duet.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
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
        String protocol,
        @JsonInclude(JsonInclude.Include.NON_NULL) Tls tls,
        Peer client,
        Answerer server) {

    record Peer(String address, int port) {}

    /** @param name the instance's --name, else its hostname */
    record Answerer(String name, String hostname, List<String> addresses, String address, int port) {}

    /**
     * The TLS session the request came over.
     *
     * @param alpn              the protocol ALPN chose ({@code h2}, {@code http/1.1}), null when the client offered none
     * @param sni               the server name the client asked for, null when it sent none (an IP address)
     * @param clientCertificate the subject of the client's certificate, null without mutual TLS
     */
    record Tls(String version, String cipher, String alpn, String sni, String clientCertificate) {}
}
