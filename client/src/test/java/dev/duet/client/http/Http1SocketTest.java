package dev.duet.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One exchange on a socket of its own: every way an answer can end, told apart. */
class Http1SocketTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // answer | status | error | body kept | the connection lives on
                "HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r\\nhello|200||hello|true",
                "HTTP/1.1 201 Created\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nhel\\r\\n2;x=1\\r\\nlo\\r\\n0\\r\\nT: t\\r\\n\\r\\n"
                        + "|201||hello|true",
                "HTTP/1.1 100 Continue\\r\\n\\r\\nHTTP/1.1 204 No Content\\r\\n\\r\\n|204|||true",
                "HTTP/1.1 200 OK\\r\\nConnection: close\\r\\nContent-Length: 2\\r\\n\\r\\nok|200||ok|false",
                "HTTP/1.1 200 OK\\r\\n\\r\\nuntil the close|200||until the close|false",
                "HTTP/1.1 200 OK\\r\\nContent-Length: 10\\r\\n\\r\\nhalf|200|partial|half|false",
                "|0|closed||false",
                "HTTP/1.1 2x0 Nope\\r\\n\\r\\n|0|bad answer||false",
                "SSH-2.0-OpenSSH_9.2\\r\\n|0|bad answer||false",
            })
    void eachEndIsToldApart(String answer, int status, String error, String body, boolean reusable) throws Exception {
        String bytes = answer == null ? "" : answer.replace("\\r\\n", "\r\n");
        try (RawServer server = RawServer.answering(bytes);
                Http1Socket socket =
                        Http1Socket.open(HttpUrl.get("http://" + server.address() + "/"), ClientTls.DEFAULT, WAIT)) {
            Http1Socket.Answer got =
                    socket.exchange(Http1Socket.Request.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), WAIT, 100);
            assertEquals(status, got.status());
            assertEquals(error, got.error());
            assertEquals(body == null ? "" : body, new String(got.body(), StandardCharsets.ISO_8859_1));
            // RawServer closes after each answer: a whole one that did not say so is taken as reusable
            assertEquals(reusable, socket.reusable());
        }
    }

    @ParameterizedTest
    @CsvSource({"3", "0"})
    void theBodyKeptIsCappedButCountedWhole(int keep) throws Exception {
        try (RawServer server = RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nabcdef");
                Http1Socket socket =
                        Http1Socket.open(HttpUrl.get("http://" + server.address() + "/"), ClientTls.DEFAULT, WAIT)) {
            Http1Socket.Answer got =
                    socket.exchange(Http1Socket.Request.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), WAIT, keep);
            assertEquals("abcdef".substring(0, keep), new String(got.body(), StandardCharsets.ISO_8859_1));
            assertEquals(6, got.bodyBytes());
            assertTrue(got.whole());
        }
    }

    @Test
    void noWholeAnswerInTimeIsATimeout() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n";
        try (RawServer server = new RawServer(out -> {
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(3_000); // the body's byte never comes within the exchange's wait
                });
                Http1Socket socket =
                        Http1Socket.open(HttpUrl.get("http://" + server.address() + "/"), ClientTls.DEFAULT, WAIT)) {
            Http1Socket.Answer got = socket.exchange(
                    Http1Socket.Request.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), Duration.ofMillis(300), 0);
            assertEquals(200, got.status());
            assertEquals("timeout", got.error());
            assertTrue(got.nanos() >= 300_000_000L, got.nanos() + " ns");
            assertFalse(socket.reusable());
        }
    }
}
