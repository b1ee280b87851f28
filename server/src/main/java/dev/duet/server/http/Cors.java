package dev.duet.server.http;

import dev.duet.common.LogText;
import dev.duet.common.RunHeaders;
import dev.duet.common.ValueType;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.CrossOriginHandler;

/**
 * {@code --cors}: which browser pages of other origins may call the echo and read its answers. Off,
 * any origin ({@code *}), or a list of origins ({@code https://app.example,http://localhost:3000}).
 * Jetty's {@link CrossOriginHandler} does the work: it answers preflight requests itself (so they
 * never reach the echo) and adds the {@code Access-Control-Allow-*} headers to the rest.
 *
 * <p>Any origin may read answers but sends no credentials: the JSON echo repeats the request's
 * cookies, which a page of any origin could otherwise read. Origins named one by one are trusted
 * with credentials too.
 *
 * @param origins the origins allowed; empty when off; {@code *} alone for any
 */
public record Cors(List<String> origins) {
    public static final Cors OFF = new Cors(List.of());
    public static final Cors ANY = new Cors(List.of("*"));

    /** {@code off}, {@code *}, or origins separated by commas. */
    public static final ValueType<Cors> TYPE =
            ValueType.of("ORIGINS|*|off", Cors::parse, Cors::format, "https://app.example");

    /** The methods a preflight may ask for: every one the echo answers, but TRACE (browsers never send it). */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /**
     * Any header, to a page that sends no credentials; to one that does, the wildcard is a name like
     * any other, so Duet's own headers and the common ones by name, Authorization among them (which
     * the Fetch standard leaves out of the wildcard anyway).
     */
    private static final Set<String> HEADERS = headers();
    /** Every answer header to a page without credentials; these also by name, for one with them. */
    private static final Set<String> EXPOSED = Set.of("*", "Server-Timing", "X-Duet-Seen", "Content-Encoding");

    private static Set<String> headers() {
        Set<String> names = new LinkedHashSet<>(List.of("*", "Authorization", "Content-Type", "Content-Encoding"));
        for (ControlPlan.Control control : ControlPlan.Control.values()) {
            names.add(ControlPlan.Source.HEADER.name(control));
        }
        names.addAll(List.of(RunHeaders.RUN, RunHeaders.SEQ, RunHeaders.TALLY));
        return Set.copyOf(names);
    }

    public boolean on() {
        return !origins.isEmpty();
    }

    static Cors parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("off")) {
            return OFF;
        }
        if (trimmed.equals("*")) {
            return ANY;
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String piece : trimmed.split(",")) {
            origins.add(origin(piece.trim()));
        }
        return new Cors(List.copyOf(origins));
    }

    /** An origin as browsers send it: scheme, host and port, nothing after. */
    private static String origin(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null) {
                return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                        + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new IllegalArgumentException("expected *, off, or origins such as https://app.example:8443"
                + " (scheme, host and port, no path) separated by commas, got " + LogText.quote(text));
    }

    String format() {
        return on() ? String.join(",", origins) : "off";
    }

    /** Jetty's handler for these origins, in front of {@code next}. */
    Handler.Wrapper handler(Handler next) {
        CrossOriginHandler cors = new CrossOriginHandler();
        boolean any = origins.equals(ANY.origins);
        Set<String> patterns = any
                ? Set.of("*")
                : new LinkedHashSet<>(origins.stream().map(Pattern::quote).toList());
        cors.setAllowedOriginPatterns(patterns);
        // the page may read Server-Timing's figures too, not only its presence
        cors.setAllowedTimingOriginPatterns(patterns);
        cors.setAllowCredentials(!any);
        cors.setAllowedMethods(METHODS);
        cors.setAllowedHeaders(HEADERS);
        cors.setExposedHeaders(EXPOSED);
        cors.setPreflightMaxAge(Duration.ofMinutes(10));
        cors.setHandler(next);
        return cors;
    }
}
