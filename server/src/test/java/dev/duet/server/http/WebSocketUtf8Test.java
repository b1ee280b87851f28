package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text messages must be UTF-8 (RFC 6455 §8.1): one that is not closes the socket with 1007, whole
 * or split across fragments; valid text split anywhere is echoed. Frames are written by hand on a
 * real socket, as no WebSocket library sends text that is not UTF-8.
 */
class WebSocketUtf8Test {
    private static final int CONTINUATION = 0x0, TEXT = 0x1, CLOSE = 0x8;

    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--quiet");

    /** A socket upgraded to WebSocket by hand; the 101's headers are read and left behind. */
    private static Socket upgraded() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        socket.getOutputStream()
                .write(("GET /utf8 HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) socket.getInputStream().read());
        }
        assertEquals("HTTP/1.1 101 Switching Protocols", head.substring(0, head.indexOf("\r\n")));
        return socket;
    }

    /** A client frame: masked, as RFC 6455 requires (the mask is zero, so the payload reads as sent). */
    private static void frame(Socket socket, int opCode, boolean fin, byte[] payload) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((fin ? 0x80 : 0) | opCode);
        out.write(0x80 | payload.length); // short payloads only
        out.write(new byte[4]);
        out.write(payload);
        out.flush();
    }

    /** The server's next frame as "OPCODE:payload", a close as "close:CODE". */
    private static String next(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int opCode = in.readUnsignedByte() & 0x0f;
        byte[] payload = new byte[in.readUnsignedByte() & 0x7f]; // the server's frames here are short
        in.readFully(payload);
        return opCode == CLOSE
                ? "close:" + ByteBuffer.wrap(payload).getShort()
                : opCode + ":" + new String(payload, StandardCharsets.UTF_8);
    }

    private static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eda080", "c0af", "ff", "68656c6c6fed"})
    void textThatIsNotUtf8ClosesWith1007(String bytes) throws Exception {
        // an encoded surrogate, an overlong '/', a byte UTF-8 never has, a sequence cut off at the end
        try (Socket socket = upgraded()) {
            frame(socket, TEXT, true, hex(bytes));
            assertEquals("close:1007", next(socket));
        }
    }

    @Test
    void anInvalidSequenceSplitAcrossFragmentsClosesWith1007() throws Exception {
        try (Socket socket = upgraded()) {
            frame(socket, TEXT, false, hex("61e282")); // "a" and the start of "€"
            frame(socket, CONTINUATION, true, hex("28")); // not a continuation byte
            assertEquals("close:1007", next(socket));
        }
    }

    @Test
    void validTextSplitInsideACharacterIsEchoedWhole() throws Exception {
        try (Socket socket = upgraded()) {
            for (List<String> fragments : List.of(List.of("61e282", "ac"), List.of("e2", "82", "ac62"))) {
                for (int i = 0; i < fragments.size(); i++) {
                    frame(socket, i == 0 ? TEXT : CONTINUATION, i == fragments.size() - 1, hex(fragments.get(i)));
                }
                String echo = next(socket);
                assertEquals(fragments.size() == 2 ? TEXT + ":a€" : TEXT + ":€b", echo);
            }
        }
    }
}
