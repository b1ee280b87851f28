package dev.duet.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
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
 * @param contentEncoding the coding the body came in and was decoded from (gzip, br, zstd); absent
 *     when it came as it is
 * @param encodedBodyBytes the body's length as it came, before decoding; absent as above
 * @param jwt        the bearer token decoded, when it is a JSON Web Token
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
        @JsonInclude(JsonInclude.Include.NON_NULL) String contentEncoding,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long encodedBodyBytes,
        String protocol,
        @JsonInclude(JsonInclude.Include.NON_NULL) RequestTls tls,
        Peer client,
        Answerer server,
        @JsonInclude(JsonInclude.Include.NON_NULL) Jwt jwt) {

    record Peer(String address, int port) {}

    /** @param name the instance's --name, else its hostname */
    record Answerer(String name, String hostname, List<String> addresses, String address, int port) {}

    /**
     * A bearer token that is a JSON Web Token, decoded ({@link BearerToken}).
     *
     * @param verified always false: the echo holds no key to check a signature with
     * @param expires  {@code exp} as a time; absent without one
     * @param expired  whether {@code exp} has passed; absent without one
     */
    record Jwt(
            JsonNode header,
            JsonNode claims,
            boolean verified,
            @JsonInclude(JsonInclude.Include.NON_NULL) String expires,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean expired,
            @JsonInclude(JsonInclude.Include.NON_NULL) String issuedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String notBefore) {}
}
