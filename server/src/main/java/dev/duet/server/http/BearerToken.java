package dev.duet.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Base64;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * A bearer token that is a JSON Web Token (RFC 7519), decoded for the JSON echo: its header and
 * claims as they are, and its times ({@code exp}, {@code iat}, {@code nbf}) as times people read.
 * Its signature is never checked (the echo holds no key), and says so. Anything else, a token that
 * is not a JWT or no token at all, is not decoded: the echo's headers show it as sent.
 */
final class BearerToken {
    private static final String BEARER = "Bearer ";

    private BearerToken() {}

    /** The request's bearer token decoded, or null when it has none that is a JWT. */
    static EchoDocument.Jwt decode(HttpFields headers, ObjectMapper json, Instant now) {
        String authorization = headers.get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String[] parts = authorization.substring(BEARER.length()).trim().split("\\.", -1);
        if (parts.length != 3) {
            return null; // a JWS compact serialisation has three parts; an encrypted JWT's claims are hidden
        }
        try {
            JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (header == null || !header.isObject() || !header.has("alg") || claims == null || !claims.isObject()) {
                return null;
            }
            Long exp = seconds(claims.get("exp"));
            return new EchoDocument.Jwt(
                    header,
                    claims,
                    false,
                    time(exp),
                    exp == null ? null : now.getEpochSecond() >= exp,
                    time(seconds(claims.get("iat"))),
                    time(seconds(claims.get("nbf"))));
        } catch (Exception e) {
            return null; // not base64url, not JSON: not a JWT, and never an error
        }
    }

    /** A NumericDate: seconds since the epoch, perhaps with a fraction. */
    private static Long seconds(JsonNode value) {
        return value != null && value.isNumber() ? value.asLong() : null;
    }

    private static String time(Long seconds) {
        if (seconds == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(seconds).toString();
        } catch (RuntimeException e) {
            return null; // past what a time can hold
        }
    }
}
