package dev.duet.client.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.Failure;
import dev.duet.common.LogText;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Handshake;
import okhttp3.HttpUrl;

/**
 * {@code --json}: one JSON object per request, per line (with --tally, one for the whole run). Jackson is loaded only on this path,
 * which keeps the plain client's start-up quick.
 *
 * <p>JSON escapes the C0 controls itself; the C1 controls (which some terminals obey, CSI among
 * them) and the Unicode line separators are escaped too, so no text from the network reaches a
 * terminal raw. URLs are shown with their password hidden.
 */
public final class JsonReport {
    private final ObjectMapper mapper = new ObjectMapper();
    private final PrintStream out;

    public JsonReport(PrintStream out) {
        this.out = out;
        mapper.getFactory().setCharacterEscapes(new TerminalSafe());
    }

    /**
     * @param body          the body as text, cut at {@link GetCommand#JSON_BODY_LIMIT}
     * @param bodyBytes     how long the body was
     * @param bodyTruncated true when {@code body} holds only its first part
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(
            String url,
            Integer statusCode,
            String protocol,
            Tls tls,
            String body,
            Long bodyBytes,
            Boolean bodyTruncated,
            PhaseTimer.Timings timings,
            String error,
            Integer exitCode) {}

    /** The TLS session of an https answer, as {@code openssl s_client} names its parts. */
    record Tls(String version, String cipher) {}

    void answer(
            HttpUrl url,
            HttpCall.Answer answer,
            String body,
            long bodyBytes,
            boolean truncated,
            PhaseTimer.Timings timings)
            throws IOException {
        Handshake handshake = answer.handshake();
        Tls tls = handshake == null
                ? null
                : new Tls(
                        handshake.tlsVersion().javaName(),
                        handshake.cipherSuite().javaName());
        print(new Line(
                ShownUrl.of(url),
                answer.status(),
                answer.protocolName(),
                tls,
                body,
                bodyBytes,
                truncated ? true : null,
                timings,
                null,
                null));
    }

    void failure(HttpUrl url, Failure failure) throws IOException {
        print(new Line(
                ShownUrl.of(url),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                failure.getMessage(),
                failure.kind().exitCode()));
    }

    /** Any other report (the summary of a --tally), as one line by the same rules. */
    public void object(Object report) throws IOException {
        out.println(mapper.writeValueAsString(report));
    }

    /** An object's fields, in order, as this report writes them: to print beside others. */
    @SuppressWarnings("unchecked")
    Map<String, Object> fields(Object value) {
        return mapper.convertValue(value, LinkedHashMap.class);
    }

    private void print(Line line) throws IOException {
        object(line);
    }

    /** JSON's own escapes, and DEL, U+0080 to U+009F, U+2028 and U+2029 as a six-character escape. */
    private static final class TerminalSafe extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalSafe() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // above ASCII (Jackson asks for nothing below): the C1 controls and the separators
            return LogText.isControl(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
