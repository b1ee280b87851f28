package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.server.Curl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every control as a query parameter, for clients that can only set a URL (an ingress annotation, a
 * probe, a browser's address bar), asked with curl: the answer is shaped, and its body is still the
 * whole target, byte for byte.
 */
class QueryControlsTest {
    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--quiet", "--max-delay", "5s");

    @RegisterExtension
    static final RunningEchoServer off = new RunningEchoServer("--quiet", "--controls", "off");

    /** What curl saw: the status, the headers (names in lower case) and the body. */
    private record Seen(int status, List<String> headers, String body) {
        String header(String name) {
            return headers.stream()
                    .filter(h -> h.toLowerCase().startsWith(name.toLowerCase() + ":"))
                    .map(h -> h.substring(h.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(null);
        }
    }

    private static Seen curl(RunningEchoServer at, String target, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("-i", "--path-as-is"));
        args.addAll(Arrays.asList(more));
        args.add("http://127.0.0.1:" + at.port() + target);
        String out = Curl.ok(args.toArray(String[]::new));
        int end = out.indexOf("\r\n\r\n");
        List<String> head = List.of(out.substring(0, end).split("\r\n"));
        return new Seen(
                Integer.parseInt(head.get(0).split(" ")[1]), head.subList(1, head.size()), out.substring(end + 4));
    }

    @Test
    void theQueryChoosesTheStatusAndDelayAndTheBodyIsTheWholeTarget() throws Exception {
        String target = "/shop?item=1&duet-status=503&duet-delay=200ms";
        Seen seen = curl(server, target);
        assertEquals(503, seen.status());
        assertEquals(target, seen.body());
        assertTrue(seen.header("Server-Timing").contains("delay;dur=200.000"), seen.header("Server-Timing"));
    }

    @Test
    void headersSizesAndOddTargetsToo() throws Exception {
        String withHeader = "/h?duet-header=X-Trace%3A%20abc%20123&duet-header=Cache-Control:+no-store";
        Seen header = curl(server, withHeader);
        assertEquals("abc 123", header.header("X-Trace"));
        assertEquals("no-store", header.header("Cache-Control"));
        assertEquals(withHeader, header.body());

        Seen sized = curl(server, "/ab?duet-size=1KiB");
        assertEquals("1024", sized.header("Content-Length"));
        assertEquals(1024, sized.body().length());
        assertTrue(sized.body().startsWith("/ab?duet-size=1KiB/ab?"), sized.body());

        String odd = "/a%20b//c?x=%E2%82%AC&&duet-status=201&y";
        Seen exact = curl(server, odd);
        assertEquals(201, exact.status());
        assertEquals(odd, exact.body());
    }

    @Test
    void theJsonEchoAndHttp2TakeThemToo() throws Exception {
        Seen json = curl(server, "/teapot?duet-status=418", "-H", "Accept: application/json");
        assertEquals(418, json.status());
        assertTrue(json.body().contains("\"target\":\"/teapot?duet-status=418\""), json.body());

        Seen h2 = curl(server, "/two?duet-status=503", "--http2-prior-knowledge");
        assertEquals(503, h2.status());
        assertEquals("/two?duet-status=503", h2.body());
    }

    @Test
    void theQueryWinsOverAHeaderForTheSameControl() throws Exception {
        assertEquals(
                202,
                curl(server, "/both?duet-status=202", "-H", "X-Duet-Status: 201")
                        .status());
    }

    @Test
    void whatIsNoControlIsLeftAlone() throws Exception {
        // the client's tally parameter (issue 21), and a value that merely mentions the prefix
        for (String target : List.of("/run?duet-tally=run-1", "/search?q=duet-status%3D503", "/x?y=duet-")) {
            Seen seen = curl(server, target);
            assertEquals(200, seen.status(), target);
            assertEquals(target, seen.body());
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/?duet-stauts=503|unknown control \"duet-stauts\"; the controls are duet-status, duet-delay,"
                        + " duet-size, duet-header, duet-fault and duet-stream",
                "/?duet-delay=soon|duet-delay: expected a duration such as 250ms, 3s, 2m or 1h, got \"soon\"",
                "/?duet-delay=6s|duet-delay: 6s is longer than this server allows (--max-delay 5s)",
                "/?duet-status|duet-status: expected a status from 200 to 599, got \"\"",
                "/?duet-stream=3x1s&duet-size=10|duet-stream and duet-size do not go together: a stream's chunks"
                        + " are the echo itself",
            })
    void aBadQueryControlIsRefusedNamingIt(String target, String reason) throws Exception {
        Seen seen = curl(server, target);
        assertEquals(400, seen.status());
        assertEquals("400 Bad Request: " + reason + "\n", seen.body());
    }

    @Test
    void withControlsOffTheQueryIsOnlyEchoed() throws Exception {
        Seen seen = curl(off, "/p?duet-status=503&duet-fault=reset");
        assertEquals(200, seen.status());
        assertEquals("/p?duet-status=503&duet-fault=reset", seen.body());
    }
}
