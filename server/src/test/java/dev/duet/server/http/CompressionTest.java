package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.common.Needs;
import dev.duet.server.Curl;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compressed answers and bodies with Jetty's codecs, as curl ({@code --compressed}) and Python
 * (urllib, requests) meet them: an answer longer than {@code --compression-min} comes in the coding
 * the client accepts, and a body sent in one is decoded for the JSON echo, which names it.
 */
class CompressionTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--quiet", "--max-body", "1MiB");

    @RegisterExtension
    static final RunningEchoServer gzipOnly =
            new RunningEchoServer("--quiet", "--compression", "gzip", "--compression-min", "64");

    @RegisterExtension
    static final RunningEchoServer off = new RunningEchoServer("--quiet", "--compression", "off");

    @TempDir
    Path dir;

    private static String url(RunningEchoServer at, String target) {
        return "http://127.0.0.1:" + at.port() + target;
    }

    /** The answer's headers, as curl wrote them with -D, one "name: value" a line, names in lower case. */
    private String headers(Path file) throws Exception {
        return Files.readString(file).toLowerCase().replace("\r", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "br", "zstd"})
    void curlCompressedReadsEachCoding(String coding) throws Exception {
        Path head = dir.resolve("head");
        String target = "/c?duet-size=4KiB";
        String body =
                Curl.ok("--compressed", "-H", "Accept-Encoding: " + coding, "-D", head.toString(), url(server, target));
        assertEquals((target.repeat(300)).substring(0, 4096), body);
        assertTrue(headers(head).contains("\ncontent-encoding: " + coding + "\n"), headers(head));
        assertTrue(headers(head).contains("\nvary: accept, accept-encoding\n"), headers(head));
        assertTrue(!headers(head).contains("content-length"), "compressed as it is sent: chunked");

        String raw = Curl.ok(
                "-o", "/dev/null", "-w", "%{size_download}", "-H", "Accept-Encoding: " + coding, url(server, target));
        assertTrue(Integer.parseInt(raw) < 4096 / 10, coding + ": " + raw + " bytes on the wire for 4096");
    }

    @Test
    void overHttp2Too() throws Exception {
        Path head = dir.resolve("head");
        String body = Curl.ok(
                "--http2-prior-knowledge", "--compressed", "-D", head.toString(), url(server, "/two?duet-size=1KiB"));
        assertEquals(1024, body.length());
        assertTrue(headers(head).startsWith("http/2 200"), headers(head));
        assertTrue(headers(head).contains("\ncontent-encoding: "), headers(head));
    }

    @Test
    void shortAnswersAndUnwantedCodingsAreSentAsTheyAre() throws Exception {
        Path head = dir.resolve("head");
        assertEquals("/hello", Curl.ok("--compressed", "-D", head.toString(), url(server, "/hello")));
        assertTrue(!headers(head).contains("content-encoding"), "6 bytes: under --compression-min 256");

        String longTarget = "/" + "x".repeat(99);
        assertEquals(longTarget, Curl.ok("--compressed", "-D", head.toString(), url(gzipOnly, longTarget)));
        assertTrue(headers(head).contains("\ncontent-encoding: gzip\n"), "100 bytes: over --compression-min 64");
        Curl.ok("-H", "Accept-Encoding: br", "-D", head.toString(), url(gzipOnly, longTarget));
        assertTrue(!headers(head).contains("content-encoding"), "br is not among --compression gzip");

        Curl.ok("--compressed", "-D", head.toString(), url(off, "/o?duet-size=4KiB"));
        assertTrue(!headers(head).contains("content-encoding"), "--compression off");
        assertTrue(headers(head).contains("\nvary: accept\n"), headers(head));
    }

    @Test
    void aStreamIsNeverCompressedSoItsChunksArriveAsTheyAreWritten() throws Exception {
        RawHttp.Answer answer = RawHttp.request(
                server.port(), "GET", "/s?duet-stream=3x10ms&pad=" + "p".repeat(300), "Accept-Encoding: gzip");
        assertNull(answer.header("Content-Encoding"));
        assertEquals(3, answer.text().lines().count());
    }

    @Test
    void aBodyThatIsNotItsCodingIsABadRequest() throws Exception {
        RawHttp.Answer answer = post("/up", "not gzip".getBytes(StandardCharsets.US_ASCII), "gzip");
        assertEquals(400, answer.status());
        assertEquals("400 Bad Request: the body is not valid gzip (Content-Encoding)\n", answer.text());
    }

    @Test
    void aDecodedBodyIsHeldToMaxBodyWhateverItsSizeOnTheWire() throws Exception {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            gzip.write(new byte[20 << 20]); // 20 MiB of zeros, 20 KiB on the wire
        }
        byte[] sent = bomb.toByteArray();
        assertTrue(sent.length < 64 * 1024, "compressed: " + sent.length);
        RawHttp.Answer answer = post("/bomb", sent, "gzip");
        assertEquals(413, answer.status());
        assertEquals("413 Payload Too Large: body larger than 1048576 bytes\n", answer.text());
    }

    /** A POST of {@code body} in {@code coding}, for the JSON echo. */
    private static RawHttp.Answer post(String target, byte[] body, String coding) throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        + "Accept: application/json\r\nContent-Encoding: " + coding + "\r\nContent-Length: "
                        + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        return RawHttp.exchange(server.port(), request.toByteArray());
    }

    @Test
    void pythonReadsEveryCodingAndItsBodiesAreDecoded() throws Exception {
        boolean present = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import brotli, zstandard, requests")
                                .start()
                                .waitFor()
                        == 0;
        Needs.present(
                present,
                "/usr/bin/python3 with brotli, zstandard and requests"
                        + " (apt-get install python3-brotli python3-zstandard python3-requests)");
        Path script = dir.resolve("compressed.py");
        try (InputStream in = CompressionTest.class.getResourceAsStream("compressed.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process python = new ProcessBuilder(PYTHON.toString(), script.toString(), url(server, ""))
                .redirectErrorStream(true)
                .start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), out);
        List<String> expected = new ArrayList<>();
        for (String coding : List.of("gzip", "br", "zstd")) {
            expected.add(coding + " answer " + coding + " True True");
            expected.add(coding + " body " + coding + " True True ['" + coding + "']");
        }
        expected.add("requests gzip True");
        expected.add("requests br True");
        assertEquals(expected, out.lines().toList());
    }
}
