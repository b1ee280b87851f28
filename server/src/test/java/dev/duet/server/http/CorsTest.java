package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --cors}, header by header, as a browser's requests carry them: the preflight is answered
 * by the server itself, the answers carry {@code Access-Control-Allow-Origin}, and without
 * {@code --cors} an OPTIONS request is echoed like any other. A real browser's view is {@code
 * CorsBrowserTest}.
 */
class CorsTest {
    @RegisterExtension
    static final RunningEchoServer any = new RunningEchoServer("--quiet", "--cors");

    @RegisterExtension
    static final RunningEchoServer listed =
            new RunningEchoServer("--quiet", "--cors", "https://app.example,http://localhost:3000");

    @RegisterExtension
    static final RunningEchoServer off = new RunningEchoServer("--quiet");

    private static final String[] PREFLIGHT = {
        "Origin: https://page.example",
        "Access-Control-Request-Method: PUT",
        "Access-Control-Request-Headers: x-duet-status, authorization"
    };

    @Test
    void aPreflightIsAnsweredWithWhatThePageMaySend() throws Exception {
        RawHttp.Answer answer = RawHttp.request(any.port(), "OPTIONS", "/api", PREFLIGHT);
        assertEquals(200, answer.status());
        assertEquals(0, answer.body().length, "answered by the server, not echoed");
        assertEquals("https://page.example", answer.header("Access-Control-Allow-Origin"));
        assertTrue(
                answer.header("Access-Control-Allow-Methods").contains("PUT"),
                answer.headers().toString());
        assertTrue(
                answer.header("Access-Control-Allow-Headers").contains("*"),
                answer.headers().toString());
        assertTrue(answer.header("Access-Control-Allow-Headers").contains("Authorization"), "not in the wildcard");
        assertEquals("600", answer.header("Access-Control-Max-Age"));
        assertNull(answer.header("Access-Control-Allow-Credentials"), "any origin: no credentials");
    }

    @Test
    void answersToAPageCarryTheOriginAndExposeTheirHeaders() throws Exception {
        RawHttp.Answer answer = RawHttp.request(any.port(), "GET", "/data?x=1", "Origin: https://page.example");
        assertEquals(200, answer.status());
        assertEquals("/data?x=1", answer.text());
        assertEquals("https://page.example", answer.header("Access-Control-Allow-Origin"));
        assertTrue(
                answer.header("Access-Control-Expose-Headers").contains("Server-Timing"),
                answer.headers().toString());
        assertEquals("https://page.example", answer.header("Timing-Allow-Origin"));
        assertEquals("Accept, Accept-Encoding, Origin", answer.header("Vary"));
    }

    @Test
    void listedOriginsAreTrustedWithCredentialsAndOthersGetNoPermission() throws Exception {
        RawHttp.Answer allowed = RawHttp.request(listed.port(), "GET", "/me", "Origin: http://localhost:3000");
        assertEquals("http://localhost:3000", allowed.header("Access-Control-Allow-Origin"));
        assertEquals("true", allowed.header("Access-Control-Allow-Credentials"));

        RawHttp.Answer other = RawHttp.request(listed.port(), "GET", "/me", "Origin: https://evil.example");
        assertEquals(200, other.status(), "echoed, but the browser will not let the page read it");
        assertNull(other.header("Access-Control-Allow-Origin"));
    }

    @Test
    void withoutCorsAnOptionsRequestIsEchoedAndNothingIsAllowed() throws Exception {
        RawHttp.Answer answer = RawHttp.request(off.port(), "OPTIONS", "/api", PREFLIGHT);
        assertEquals(200, answer.status());
        assertEquals("/api", answer.text());
        assertNull(answer.header("Access-Control-Allow-Origin"));
    }
}
