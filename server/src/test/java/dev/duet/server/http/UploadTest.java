package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.common.Await;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Uploads to the plain-text echo, as curl, wget, Python and Node send them: the server reads (and
 * discards) the whole body before it answers, then keeps the connection, so no client sees a broken
 * pipe; waiting for a slow body holds no thread.
 */
class UploadTest {
    @RegisterExtension
    static final RunningEchoServer server =
            new RunningEchoServer("--max-body", "4MiB", "--max-connections", "1000", "--quiet");

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aPlainUploadIsReadWholeAnsweredAndItsConnectionKept() throws Exception {
        byte[] body = new byte[3 << 20];
        Arrays.fill(body, (byte) 'x');
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(ascii("POST /up?a=1 HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n"));
            out.write(body); // a server that answered at the headers and closed would break this pipe
            out.write(ascii("GET /again HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            out.flush();
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals(2, answers.split("HTTP/1.1 200 OK\r\n", -1).length - 1, answers);
            assertTrue(answers.contains("\r\n\r\n/up?a=1HTTP/1.1 200 OK\r\n"), answers);
            assertTrue(answers.endsWith("\r\n\r\n/again"), answers);
        }
    }

    @Test
    void aChunkedUploadIsReadWholeToo() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(ascii("PUT /chunks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
            for (int i = 0; i < 64; i++) {
                out.write(ascii("4000\r\n"));
                out.write(new byte[0x4000]);
                out.write(ascii("\r\n"));
            }
            out.write(ascii("0\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            out.flush();
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answers.startsWith("HTTP/1.1 200 OK\r\n"), answers);
            assertTrue(answers.contains("\r\n\r\n/chunksHTTP/1.1 200 OK\r\n"), answers);
            assertTrue(answers.endsWith("\r\n\r\n/next"), answers);
        }
    }

    @Test
    void expectContinueGetsTheGoAheadThenTheEcho() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(ascii("POST /go HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\n\r\n"));
            out.flush();
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(in.readNBytes(25), StandardCharsets.US_ASCII));
            out.write(ascii("hello"));
            out.flush();
            RawHttp.Answer answer = RawHttp.parse(in.readAllBytes());
            assertEquals(200, answer.status());
            assertEquals("/go", answer.text());
        }
    }

    @Test
    void aChunkedUploadThatOutgrowsTheLimitGets413() throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(ascii("POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
        for (int i = 0; i < 5; i++) {
            request.writeBytes(ascii("100000\r\n")); // 1 MiB a chunk
            request.writeBytes(new byte[1 << 20]);
            request.writeBytes(ascii("\r\n"));
        }
        request.writeBytes(ascii("0\r\n\r\n"));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            Thread writer = new Thread(() -> {
                try {
                    socket.getOutputStream().write(request.toByteArray());
                } catch (java.io.IOException closedEarly) {
                    // the server may close once it has answered 413
                }
            });
            writer.start();
            RawHttp.Answer answer = RawHttp.parse(socket.getInputStream().readAllBytes());
            assertEquals(413, answer.status());
            writer.join();
        }
    }

    @Test
    void slowUploadsHoldNoThreadWhileTheirBodiesTrickleIn() throws Exception {
        List<Socket> uploads = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                uploads.add(socket);
                socket.getOutputStream()
                        .write(ascii("POST /slow/" + i + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nsome"));
            }
            for (Socket socket : uploads) {
                socket.getOutputStream().write(ascii(" more")); // each wakes the server once more
            }
            // everyone else is served at once...
            assertEquals("/fast", RawHttp.request(server.port(), "GET", "/fast").text());
            // ...and no thread waits for a body: the pool's busy threads drop back as soon as the
            // burst of arrivals is handled (a thread held per upload would keep ~250 busy)
            Await.until(
                    "at most 2 busy threads", Duration.ofSeconds(10), server.server()::busyThreads, busy -> busy <= 2);
        } finally {
            for (Socket socket : uploads) {
                socket.close();
            }
        }
    }
}
