package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.server.Curl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code duet-stream=NxINTERVAL}: the answer in N chunks INTERVAL apart, each written and flushed
 * as it is due, over HTTP/1.1 (chunked) and HTTP/2, and as Server-Sent Events with ids to a client
 * that accepts them; read with curl as it arrives ({@code -N}), the way one tests whether a proxy
 * buffers.
 */
class StreamedAnswerTest {
    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--quiet", "--max-delay", "10s");

    @TempDir
    Path dir;

    /** A line curl printed, and when it did, in milliseconds from the start. */
    private record Line(String text, long millis) {}

    /** curl -N's lines as they come; the last element is curl's exit, with the time it came. */
    private List<Line> curlLines(String how, String target, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-N", "--max-time", "30", how));
        command.addAll(List.of(more));
        command.add("http://127.0.0.1:" + server.port() + target);
        long start = System.nanoTime();
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<Line> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(curl.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(new Line(line, (System.nanoTime() - start) / 1_000_000));
            }
        }
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        lines.add(new Line("exit " + curl.exitValue(), (System.nanoTime() - start) / 1_000_000));
        return lines;
    }

    @ParameterizedTest
    @ValueSource(strings = {"--http1.1", "--http2-prior-knowledge"})
    void eachChunkArrivesWhenItIsDueNotAllAtTheEnd(String how) throws Exception {
        Path head = dir.resolve("head");
        String target = "/s?duet-stream=5x400ms";
        List<Line> lines = curlLines(how, target, "-D", head.toString());
        assertEquals("exit 0", lines.get(lines.size() - 1).text());
        List<Line> chunks = lines.subList(0, lines.size() - 1);
        assertEquals(
                List.of(target, target, target, target, target),
                chunks.stream().map(Line::text).toList());
        // the server waits 4 x 400 ms between the first and the last; a client that got them all at
        // the end (a buffer between) would see them within a few milliseconds of each other
        long spread = chunks.get(4).millis() - chunks.get(0).millis();
        assertTrue(spread >= 1200, "the chunks came over " + spread + " ms");
        String headers = Files.readString(head).toLowerCase();
        assertTrue(
                how.equals("--http1.1") ? headers.contains("transfer-encoding: chunked") : headers.startsWith("http/2"),
                headers);
        assertTrue(!headers.contains("content-length"), headers);
    }

    @Test
    void toAnEventStreamClientEachChunkIsAnEventWithAnId() throws Exception {
        Path head = dir.resolve("head");
        String target = "/e?duet-stream=3x50ms";
        String body = Curl.ok(
                "-N",
                "-D",
                head.toString(),
                "-H",
                "Accept: text/event-stream",
                "http://127.0.0.1:" + server.port() + target);
        assertEquals(
                "id: 1\ndata: " + target + "\n\nid: 2\ndata: " + target + "\n\nid: 3\ndata: " + target + "\n\n", body);
        String headers = Files.readString(head).toLowerCase();
        assertTrue(headers.contains("content-type: text/event-stream; charset=utf-8"), headers);
        assertTrue(headers.contains("cache-control: no-cache"), headers);
    }

    @Test
    void theJsonEchoStreamsAWholeDocumentAChunkAndAChosenStatusHolds() throws Exception {
        RawHttp.Answer answer = RawHttp.request(
                server.port(), "GET", "/j?duet-stream=2x10ms&duet-status=503", "Accept: application/json");
        assertEquals(503, answer.status());
        List<String> lines = answer.text().lines().toList();
        assertEquals(2, lines.size());
        for (String line : lines) {
            assertEquals(
                    "/j?duet-stream=2x10ms&duet-status=503",
                    new ObjectMapper().readTree(line).get("target").asText());
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/?duet-stream=100x1s|duet-stream: 100x1s lasts longer than this server allows (--max-delay 10s)",
                "/?duet-stream=0x1s|duet-stream: expected CHUNKSxINTERVAL such as 10x200ms (1 to 10000 chunks),"
                        + " got \"0x1s\"",
                "/?duet-stream=10|duet-stream: expected CHUNKSxINTERVAL such as 10x200ms (1 to 10000 chunks),"
                        + " got \"10\"",
            })
    void aStreamTheServerWillNotSendIsRefused(String target, String reason) throws Exception {
        RawHttp.Answer answer = RawHttp.request(server.port(), "GET", target);
        assertEquals(400, answer.status());
        assertEquals("400 Bad Request: " + reason + "\n", answer.text());
    }

    @Test
    void streamsHoldNoThreadWhileTheyWaitAndAClientThatLeavesEndsItsOwn() throws Exception {
        List<Socket> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                socket.setSoTimeout(10_000);
                socket.getOutputStream()
                        .write(("GET /long/" + i + "?duet-stream=4x500ms HTTP/1.1\r\nHost: x\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                streams.add(socket);
            }
            // every stream has sent its first chunk, and waits for the next
            for (Socket socket : streams) {
                assertTrue(socket.getInputStream().read() > 0);
            }
            assertTrue(
                    server.server().busyThreads() < 10,
                    "busy threads: " + server.server().busyThreads());
            streams.get(0).close(); // this one leaves; the others go on, and so does the server
            assertEquals("/now", RawHttp.request(server.port(), "GET", "/now").text());
        } finally {
            for (Socket socket : streams) {
                socket.close();
            }
        }
    }
}
