package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Once SIGTERM has come, every answer says the server is draining and ends its connection. */
class DrainingTest {
    private static final String KEPT = "GET /%s HTTP/1.1\r\nHost: x\r\n\r\n";

    @Test
    void answersWhileDrainingSaySoAndCloseTheirConnection() throws Exception {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            RawHttp.Answer before = RawHttp.request(server.port(), "GET", "/before");
            assertNull(before.header("X-Duet-Draining"));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(String.format(KEPT, "a").getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                String first = readAnswer(in);
                assertEquals(false, first.contains("X-Duet-Draining"), first);

                server.drain();
                socket.getOutputStream().write(String.format(KEPT, "b").getBytes(StandardCharsets.US_ASCII));
                String second = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                assertEquals(true, second.contains("\r\nX-Duet-Draining: true\r\n"), second);
                assertEquals(true, second.contains("\r\nConnection: close\r\n"), second);
                assertEquals(true, second.endsWith("\r\n\r\n/b"), "the echo as ever, then the end: " + second);
            }
            RawHttp.Answer json = RawHttp.request(server.port(), "POST", "/j", "Accept: application/json");
            assertEquals("true", json.header("X-Duet-Draining"), "every kind of answer");
        }
    }

    /** One keep-alive answer with a Content-Length, read to its end and no further. */
    private static String readAnswer(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        String text = head.toString();
        int at = text.indexOf("Content-Length: ") + "Content-Length: ".length();
        int length = Integer.parseInt(text.substring(at, text.indexOf("\r\n", at)));
        return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }
}
