package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Past --max-connections a new connection waits to be accepted; it is served once a slot frees. */
class ConnectionLimitTest {
    private static final byte[] HELLO = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static String readAnswer(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        StringBuilder answer = new StringBuilder();
        while (!answer.toString().endsWith("/hello")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            answer.append((char) b);
        }
        return answer.toString();
    }

    @Test
    void aConnectionPastTheLimitWaitsUntilASlotFrees() throws Exception {
        HttpServerConfig config = HttpServerConfig.ephemeral("--max-connections", "1");
        try (HttpEchoServer server = HttpEchoServer.start(config);
                Socket first = new Socket("127.0.0.1", server.port());
                Socket second = new Socket("127.0.0.1", server.port())) {
            first.getOutputStream().write(HELLO);
            assertEquals(true, readAnswer(first).startsWith("HTTP/1.1 200 OK"));

            // the first connection, kept alive, holds the only slot: the second is not served...
            second.getOutputStream().write(HELLO);
            second.setSoTimeout(500);
            assertThrows(
                    SocketTimeoutException.class, () -> second.getInputStream().read());

            // ...until the first goes away
            first.close();
            second.setSoTimeout(10_000);
            assertEquals(true, readAnswer(second).startsWith("HTTP/1.1 200 OK"));
        }
    }
}
