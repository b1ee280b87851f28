package dev.duet.server.http;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.hpack.HpackDecoder;
import org.eclipse.jetty.http2.hpack.HpackException;

/**
 * An HTTP/2 client at the level of frames, on a real socket: it writes exactly the frames a test
 * names, malformed ones included (header blocks are HPACK literals it encodes itself, so an upper-case
 * name goes out as written), and reads the server's frames one by one. The server's header
 * blocks are decoded with Jetty's HPACK decoder, for their status.
 */
final class RawHttp2 implements AutoCloseable {
    static final int DATA = 0x0, HEADERS = 0x1, RST_STREAM = 0x3, SETTINGS = 0x4, PING = 0x6, GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8, CONTINUATION = 0x9;
    static final int PROTOCOL_ERROR = 0x1, STREAM_CLOSED = 0x5;
    private static final int END_STREAM = 0x1, END_HEADERS = 0x4, ACK = 0x1;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * A frame as received; {@link #CLOSED} stands for the connection's end.
     *
     * @param status a response HEADERS frame's {@code :status}, else 0
     */
    record Frame(int type, int flags, int streamId, byte[] payload, int status) {
        static final Frame CLOSED = new Frame(-1, 0, 0, new byte[0], 0);

        /** The error code of a RST_STREAM or GOAWAY. */
        int errorCode() {
            ByteBuffer b = ByteBuffer.wrap(payload);
            return type == GOAWAY ? b.getInt(4) : b.getInt(0);
        }

        boolean endStream() {
            return (flags & END_STREAM) != 0;
        }

        @Override
        public String toString() {
            String what = type == CLOSED.type ? "connection closed" : "frame type " + type + " on stream " + streamId;
            return type == RST_STREAM || type == GOAWAY ? what + ", error " + errorCode() : what;
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final HpackDecoder hpack = new HpackDecoder(64 * 1024, System::nanoTime);

    private RawHttp2(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
        out.write(PREFACE);
        frame(SETTINGS, 0, 0, new byte[0]);
        // the server's SETTINGS comes first; acknowledge it, as a client must
        socket.setSoTimeout(10_000);
        Frame settings = read();
        if (settings == null || settings.type() != SETTINGS) {
            throw new IOException("the server began with " + settings + ", not SETTINGS");
        }
        frame(SETTINGS, ACK, 0, new byte[0]);
    }

    /** h2c by prior knowledge. */
    static RawHttp2 cleartext(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return new RawHttp2(socket);
    }

    /** h2 over TLS, chosen by ALPN. */
    static RawHttp2 tls(int port, SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        if (!"h2".equals(socket.getApplicationProtocol())) {
            throw new IOException("ALPN chose " + socket.getApplicationProtocol());
        }
        return new RawHttp2(socket);
    }

    /** A header block of literal fields, never indexed: each pair is a name then its value. */
    static byte[] block(String... namesAndValues) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            block.write(0x10); // literal never indexed, new name
            string(block, namesAndValues[i]);
            string(block, namesAndValues[i + 1]);
        }
        return block.toByteArray();
    }

    /** The four pseudo-headers of a GET of {@code path}, then {@code more}. */
    static byte[] get(String path, String... more) {
        String[] fields = new String[8 + more.length];
        System.arraycopy(
                new String[] {":method", "GET", ":scheme", "http", ":authority", "localhost", ":path", path},
                0,
                fields,
                0,
                8);
        System.arraycopy(more, 0, fields, 8, more.length);
        return block(fields);
    }

    private static void string(ByteArrayOutputStream block, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        integer(block, bytes.length); // H = 0: not Huffman-coded
        block.writeBytes(bytes);
    }

    /** RFC 7541 §5.1, a 7-bit prefix. */
    private static void integer(ByteArrayOutputStream block, int value) {
        if (value < 127) {
            block.write(value);
            return;
        }
        block.write(127);
        for (value -= 127; value >= 128; value >>>= 7) {
            block.write((value & 127) | 128);
        }
        block.write(value);
    }

    void headers(int streamId, boolean endStream, byte[] block) throws IOException {
        frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), streamId, block);
    }

    /** A HEADERS frame that leaves the block open, for CONTINUATION frames to finish. */
    void headersContinued(int streamId, boolean endStream, byte[] block) throws IOException {
        frame(HEADERS, endStream ? END_STREAM : 0, streamId, block);
    }

    void continuation(int streamId, boolean endHeaders, byte[] block) throws IOException {
        frame(CONTINUATION, endHeaders ? END_HEADERS : 0, streamId, block);
    }

    void data(int streamId, boolean endStream, byte[] payload) throws IOException {
        frame(DATA, endStream ? END_STREAM : 0, streamId, payload);
    }

    void reset(int streamId, int errorCode) throws IOException {
        frame(RST_STREAM, 0, streamId, ByteBuffer.allocate(4).putInt(errorCode).array());
    }

    private void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(9);
        header.put((byte) (payload.length >>> 16))
                .put((byte) (payload.length >>> 8))
                .put((byte) payload.length);
        header.put((byte) type).put((byte) flags).putInt(streamId);
        out.write(header.array());
        out.write(payload);
        out.flush();
    }

    /** The next frame, waiting up to 10 s; {@link Frame#CLOSED} once the server has closed. */
    Frame next() throws IOException {
        Frame frame = next(Duration.ofSeconds(10));
        if (frame == null) {
            throw new IOException("no frame from the server within 10 s");
        }
        return frame;
    }

    /**
     * The next frame but those that only keep the connection (SETTINGS, PING, WINDOW_UPDATE), or null
     * when none comes within {@code wait}.
     */
    Frame next(Duration wait) throws IOException {
        socket.setSoTimeout(Math.toIntExact(wait.toMillis()));
        Frame frame = read();
        while (frame != null && (frame.type() == SETTINGS || frame.type() == PING || frame.type() == WINDOW_UPDATE)) {
            frame = read();
        }
        return frame;
    }

    private Frame read() throws IOException {
        try {
            int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int streamId = in.readInt() & 0x7fffffff;
            byte[] payload = new byte[length];
            in.readFully(payload);
            // every header block is decoded, in order, or the decoder's table would go astray
            int status = type == HEADERS && hpack.decode(ByteBuffer.wrap(payload)) instanceof MetaData.Response r
                    ? r.getStatus()
                    : 0;
            return new Frame(type, flags, streamId, payload, status);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (EOFException | SocketException e) {
            return Frame.CLOSED;
        } catch (HpackException e) {
            throw new IOException("the server's header block does not decode", e);
        }
    }

    /** The frames on {@code streamId} (and GOAWAYs, and the close) until one ends the stream or the connection. */
    List<Frame> untilStreamEnds(int streamId) throws IOException {
        List<Frame> frames = new ArrayList<>();
        while (true) {
            Frame f = next();
            if (f.streamId() != streamId && f.type() != GOAWAY && f != Frame.CLOSED) {
                continue;
            }
            frames.add(f);
            if (f == Frame.CLOSED || f.type() == GOAWAY || f.type() == RST_STREAM || f.endStream()) {
                return frames;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
