package dev.duet.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.server.http.RunningEchoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** -X, -H, -d and -i as curl users type them, and --http2 over cleartext, seen by the real server. */
class RequestFlagsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--quiet");

    @TempDir
    Path dir;

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** What the server's JSON echo says it was sent. */
    private static JsonNode seen(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "-H";
        all[1] = "Accept: application/json";
        System.arraycopy(args, 0, all, 2, args.length);
        ClientRun.Result r = ClientRun.run(all);
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(r.out().substring(r.out().indexOf('\n') + 1));
    }

    @Test
    void dataIsPostedAsCurlPostsItAndXChangesTheMethod() throws Exception {
        JsonNode posted = seen("-d", "a=1&b=2", base() + "/form");
        assertEquals("POST", posted.get("method").asText());
        assertEquals("a=1&b=2", posted.get("body").asText());
        assertEquals(
                "application/x-www-form-urlencoded",
                posted.get("headers").get("Content-Type").get(0).asText());

        JsonNode put =
                seen("-X", "PUT", "-H", "Content-Type: text/plain", "-H", "X-Trace: t1", "-d", "x", base() + "/p");
        assertEquals("PUT", put.get("method").asText());
        assertEquals("text/plain", put.get("headers").get("Content-Type").get(0).asText());
        assertEquals("t1", put.get("headers").get("X-Trace").get(0).asText());

        assertEquals("DELETE", seen("-X", "DELETE", base() + "/d").get("method").asText());
    }

    @Test
    void dataFromAFileIsSentWhole() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(5).nextBytes(bytes);
        Path file = dir.resolve("upload.bin");
        Files.write(file, bytes);
        JsonNode seen = seen("-d", "@" + file, "-H", "Content-Type: application/octet-stream", base() + "/f");
        assertEquals("base64", seen.get("bodyEncoding").asText());
        assertEquals(
                java.util.Base64.getEncoder().encodeToString(bytes),
                seen.get("body").asText());
    }

    @Test
    void includePrintsTheHeadersBetweenStatusAndBody() {
        ClientRun.Result r = ClientRun.run("-i", "-H", "X-Duet-Header: X-Served-By: test", base() + "/i");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("statusCode: 200\n"), r.out());
        assertTrue(r.out().contains("\nX-Served-By: test\n"), r.out());
        assertTrue(r.out().contains("\nContent-Type: text/plain; charset=utf-8\n"), r.out());
        assertTrue(r.out().endsWith("\n\n/i\n"), r.out());
    }

    @Test
    void http2OverCleartextIsPriorKnowledge() throws Exception {
        assertEquals(
                "HTTP/2.0", seen("--http2", base() + "/h2c").get("protocol").asText());
        assertEquals("HTTP/1.1", seen(base() + "/h1").get("protocol").asText());
    }

    @Test
    void aBodyOnGetIsAUsageErrorAndAMissingFileExit26() {
        ClientRun.Result get = ClientRun.run("-X", "GET", "-d", "x", base() + "/");
        assertEquals(2, get.exitCode());
        assertTrue(get.err().startsWith("duet-client: -X GET cannot carry a body (--data)\n"), get.err());
        Path missing = dir.resolve("none");
        assertEquals(
                new ClientRun.Result(26, "", "duet-client: -d @" + missing + ": no such file\n"),
                ClientRun.run("-d", "@" + missing, base() + "/"));
        ClientRun.Result header = ClientRun.run("-H", "no colon", base() + "/");
        assertEquals(2, header.exitCode());
        assertTrue(header.err().startsWith("duet-client: -H: expected a header such as \"X-Trace: 1\""), header.err());
    }
}
