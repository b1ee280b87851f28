package dev.duet.server.logging;

import dev.duet.common.LogText;
import dev.duet.common.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which request headers the access log and the inspector show only as {@code <redacted: N
 * bytes>}: the credentials by default, any more a user names, or none ({@code --log-redact none}).
 * Names are matched ignoring case, as HTTP does. The echo itself never redacts: it shows the client
 * what the client sent.
 */
public final class Redaction {
    /** What carries credentials in a request (and Set-Cookie, for a proxy that passes answers back). */
    private static final List<String> CREDENTIALS =
            List.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie");

    public static final Redaction DEFAULT = new Redaction(CREDENTIALS);
    public static final Redaction NONE = new Redaction(List.of());

    /** {@code none}, or header names to redact beside the credentials: {@code X-Api-Key,X-Token}. */
    public static final ValueType<Redaction> TYPE =
            ValueType.of("NAMES|none", Redaction::parse, Redaction::format, "X-Api-Key");

    /** As given, for showing back. */
    private final List<String> names;
    /** Lower case, for matching. */
    private final Set<String> lowerCase = new LinkedHashSet<>();

    private Redaction(List<String> names) {
        this.names = List.copyOf(names);
        names.forEach(name -> lowerCase.add(name.toLowerCase(Locale.ROOT)));
    }

    static Redaction parse(String text) {
        if (text.trim().equals("none")) {
            return NONE;
        }
        Set<String> names = new LinkedHashSet<>(CREDENTIALS);
        for (String piece : text.split(",")) {
            String name = piece.trim();
            if (name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 0x7f && c != ':')) {
                throw new IllegalArgumentException(
                        "expected header names separated by commas, or none, got " + LogText.quote(text));
            }
            if (names.stream().noneMatch(name::equalsIgnoreCase)) {
                names.add(name);
            }
        }
        return new Redaction(List.copyOf(names));
    }

    String format() {
        return names.isEmpty() ? "none" : String.join(",", names);
    }

    /** The value to show for a header: as sent, or how many bytes it had when it is redacted. */
    public String show(String name, String value) {
        if (lowerCase.isEmpty() || !lowerCase.contains(name.toLowerCase(Locale.ROOT))) {
            return value;
        }
        return "<redacted: " + value.getBytes(StandardCharsets.UTF_8).length + " bytes>";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Redaction r && r.lowerCase.equals(lowerCase);
    }

    @Override
    public int hashCode() {
        return lowerCase.hashCode();
    }

    @Override
    public String toString() {
        return format();
    }
}
