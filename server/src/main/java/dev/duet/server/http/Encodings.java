package dev.duet.server.http;

import dev.duet.common.LogText;
import dev.duet.common.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.compression.Compression;
import org.eclipse.jetty.compression.brotli.BrotliCompression;
import org.eclipse.jetty.compression.gzip.GzipCompression;
import org.eclipse.jetty.compression.server.CompressionConfig;
import org.eclipse.jetty.compression.server.CompressionHandler;
import org.eclipse.jetty.compression.zstandard.ZstandardCompression;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.LoggerFactory;

/**
 * {@code --compression} and {@code --compression-min}: the content codings the echo answers in when
 * a client accepts them ({@code Accept-Encoding}), and decodes request bodies from
 * ({@code Content-Encoding}), with Jetty's own codecs: gzip from the JDK, brotli and zstd from
 * native libraries in the jar. A codec whose native library does not load on this machine is left
 * out, with a warning, rather than failing the start.
 *
 * @param names    the codings, most preferred first when a client accepts several equally; empty when off
 * @param minBytes answers shorter than this are sent as they are
 */
public record Encodings(List<String> names, int minBytes) {
    public static final List<String> ALL = List.of("gzip", "br", "zstd");

    /** {@code off}, or codings separated by commas. */
    public static final ValueType<List<String>> TYPE = ValueType.of(
            "gzip,br,zstd|off", Encodings::parse, names -> names.isEmpty() ? "off" : String.join(",", names), "gzip");

    public boolean on() {
        return !names.isEmpty();
    }

    static List<String> parse(String text) {
        if (text.trim().equals("off")) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String piece : text.split(",")) {
            String name = piece.trim();
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException(
                        "expected off, or some of gzip, br and zstd separated by commas, got " + LogText.quote(text));
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /**
     * Jetty's compression in front of {@code echo}, behind a gate that sends a request with neither
     * {@code Accept-Encoding} nor {@code Content-Encoding} straight to the echo: the handler would
     * otherwise match its path and build a {@code Vary} field for every plain request.
     */
    Handler.Wrapper handler(Handler echo) {
        CompressionHandler compression = new CompressionHandler(echo);
        List<String> loaded = new ArrayList<>();
        for (String name : names) {
            Compression codec = load(name);
            if (codec != null) {
                codec.setMinCompressSize(minBytes);
                compression.putCompression(codec);
                loaded.add(name);
            }
        }
        compression.putConfiguration(
                "/",
                CompressionConfig.builder()
                        // events must reach the browser as they are written; a compressor holds them back
                        .compressExcludeMimeType("text/event-stream")
                        .compressPreferredEncodings(loaded)
                        .build());
        return new Gate(compression, echo);
    }

    /** A codec, or null (and a warning) when its native library cannot load here. */
    private static Compression load(String name) {
        Supplier<Compression> codec = switch (name) {
            case "gzip" -> GzipCompression::new;
            case "br" -> BrotliCompression::new;
            default -> ZstandardCompression::new;
        };
        try {
            return codec.get();
        } catch (LinkageError | RuntimeException e) {
            LoggerFactory.getLogger("duet-server")
                    .warn(
                            "--compression {}: its native library does not load on this machine ({}); answering"
                                    + " without it",
                            name,
                            e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return null;
        }
    }

    /** Sends only the requests that ask for a coding, or bring one, through Jetty's compression. */
    private static final class Gate extends Handler.Wrapper {
        private final Handler echo;

        Gate(CompressionHandler compression, Handler echo) {
            super(compression);
            this.echo = echo;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            for (HttpField field : request.getHeaders()) {
                HttpHeader header = field.getHeader();
                if (header == HttpHeader.ACCEPT_ENCODING || header == HttpHeader.CONTENT_ENCODING) {
                    return super.handle(request, response, callback);
                }
            }
            return echo.handle(request, response, callback);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }
}
