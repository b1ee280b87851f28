package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.server.Curl;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bearer token that is a JWT appears decoded in the JSON echo, its signature unchecked and said
 * to be; any other token is shown as sent, in the headers, and is never an error.
 */
class BearerTokenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--quiet");

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode echo(String authorization) throws Exception {
        return JSON.readTree(Curl.ok(
                "-H",
                "Authorization: " + authorization,
                "-H",
                "Accept: application/json",
                "http://127.0.0.1:" + server.port() + "/me"));
    }

    @Test
    void aJwtIsDecodedWithItsTimesAsTimesAndNotVerified() throws Exception {
        String token = part("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}") + "."
                + part(
                        "{\"sub\":\"alice\",\"roles\":[\"admin\"],\"exp\":4102444800,\"iat\":1700000000,\"nbf\":1700000000}")
                + ".c2lnbmF0dXJl";
        JsonNode jwt = echo("Bearer " + token).get("jwt");
        assertEquals(
                "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}",
                jwt.get("header").toString());
        assertEquals("alice", jwt.get("claims").get("sub").asText());
        assertEquals("[\"admin\"]", jwt.get("claims").get("roles").toString());
        assertFalse(jwt.get("verified").asBoolean());
        assertEquals("2100-01-01T00:00:00Z", jwt.get("expires").asText());
        assertFalse(jwt.get("expired").asBoolean());
        assertEquals("2023-11-14T22:13:20Z", jwt.get("issuedAt").asText());
        assertEquals("2023-11-14T22:13:20Z", jwt.get("notBefore").asText());
    }

    @Test
    void anExpiredOneSaysSo() throws Exception {
        String token = part("{\"alg\":\"HS256\"}") + "." + part("{\"exp\":1000000000}") + ".";
        JsonNode jwt = echo("bearer " + token).get("jwt");
        assertEquals("2001-09-09T01:46:40Z", jwt.get("expires").asText());
        assertEquals(true, jwt.get("expired").asBoolean());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer opaque-token-123",
                "Bearer a.b.c",
                "Bearer eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiJ4In0.sig", // a header without "alg"
                "Bearer a.b.c.d.e",
                "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
            })
    void anyOtherTokenIsShownAsSentAndIsNoError(String authorization) throws Exception {
        JsonNode doc = echo(authorization);
        assertFalse(doc.has("jwt"), doc.toString());
        assertEquals(
                authorization, doc.get("headers").get("Authorization").get(0).asText());
    }
}
