package dev.duet.client.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One request as one end saw it: as the client put it on the wire, or as the server received it
 * (read from its JSON echo). {@code diff} compares two of these.
 *
 * @param protocol    {@code HTTP/1.1} or {@code HTTP/2}
 * @param tls         whether it went, or came, over TLS; {@code tlsVersion} and {@code sni} then
 *     say how (null when not known)
 * @param headers     every header, in order, as [name, value]; HTTP/2's {@code :authority} is
 *     named {@code Host}, which it stands for
 * @param caseUnknown names whose case this end cannot vouch for (the server's HTTP/1.1 parser
 *     spells the standard ones its own way)
 * @param peer        the other end's address, {@code ip:port}: for the server, the caller it saw;
 *     for the client, its own local address
 */
record RequestView(
        String method,
        String target,
        String protocol,
        boolean tls,
        String tlsVersion,
        String sni,
        List<Header> headers,
        Set<String> caseUnknown,
        long bodyBytes,
        String bodySha256,
        String peer) {

    record Header(String name, String value) {
        /** The name compared case-insensitively. */
        String key() {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /** HTTP/2 sends the authority as a pseudo-header; Host is what it stands for on HTTP/1.1. */
    static String headerName(String name) {
        return name.equals(":authority") ? "Host" : name;
    }

    /** What the server's JSON echo says it received. */
    static RequestView received(JsonNode echo) {
        List<Header> headers = new ArrayList<>();
        for (JsonNode pair : echo.path("rawHeaders")) {
            headers.add(
                    new Header(headerName(pair.path(0).asText()), pair.path(1).asText()));
        }
        Set<String> caseUnknown = new LinkedHashSet<>();
        echo.path("caseUnknown").forEach(name -> caseUnknown.add(name.asText()));
        JsonNode tls = echo.path("tls");
        JsonNode client = echo.path("client");
        return new RequestView(
                echo.path("method").asText(),
                echo.path("target").asText(),
                protocolName(echo.path("protocol").asText()),
                tls.isObject(),
                tls.isObject() ? tls.path("version").asText(null) : null,
                tls.isObject() ? tls.path("sni").asText(null) : null,
                headers,
                caseUnknown,
                echo.path("bodyBytes").asLong(),
                echo.path("bodySha256").asText(),
                Addresses.format(
                        client.path("address").asText(), client.path("port").asInt()));
    }

    /** HTTP/2 is HTTP/2, whether a server says 2 or 2.0. */
    static String protocolName(String protocol) {
        return protocol.startsWith("HTTP/2") ? "HTTP/2" : protocol;
    }
}
