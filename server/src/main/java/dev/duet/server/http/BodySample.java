package dev.duet.server.http;

import dev.duet.common.LogText;
import dev.duet.server.metrics.Activity;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What {@code --log-body BYTES} keeps of a request body as it is read: its first BYTES, its whole
 * length and its SHA-256, so a body of any size costs the log one small buffer. The echo hands it
 * to the access log as a request attribute.
 */
final class BodySample {
    /** The request attribute the sample is left under for the access log. */
    static final String ATTRIBUTE = "dev.duet.server.http.BodySample";

    private final MessageDigest sha256;
    private final byte[] first;
    private int kept;
    private long length;

    BodySample(int limit) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        first = new byte[limit];
    }

    /** Takes in the bytes of one chunk, leaving its position where it was. */
    void add(ByteBuffer chunk) {
        ByteBuffer bytes = chunk.slice();
        length += bytes.remaining();
        int room = Math.min(first.length - kept, bytes.remaining());
        bytes.get(bytes.position(), first, kept, room);
        kept += room;
        sha256.update(bytes);
    }

    /** A sample of a body read whole. */
    static BodySample of(byte[] body, int limit) {
        BodySample sample = new BodySample(limit);
        sample.add(ByteBuffer.wrap(body));
        return sample;
    }

    /** The body as the log and the inspector show it. */
    Activity.Body summary() {
        return new Activity.Body(
                length, HexFormat.of().formatHex(sha256.digest()), escaped(Arrays.copyOf(first, kept)), kept < length);
    }

    /**
     * The bytes as text: UTF-8 where they are, with what could break or disguise a line escaped as
     * {@link LogText} does, and each byte that is not UTF-8 as {@code \xNN}.
     */
    static String escaped(byte[] bytes) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        StringBuilder text = new StringBuilder(bytes.length + 16);
        while (in.hasRemaining()) {
            CoderResult result = utf8.decode(in, out, true);
            text.append(LogText.escape(out.flip()));
            out.clear();
            if (result.isError() || (result.isUnderflow() && in.hasRemaining())) {
                // a byte that starts no character, or a character cut off by the end of the sample
                int bad = result.isError() ? result.length() : in.remaining();
                for (int i = 0; i < bad; i++) {
                    text.append(String.format("\\x%02x", in.get() & 0xff));
                }
            }
        }
        return text.toString();
    }
}
