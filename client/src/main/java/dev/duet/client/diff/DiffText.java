package dev.duet.client.diff;

import dev.duet.common.LogText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code diff}'s report for a person: a line a difference, nothing when nothing changed. Every
 * value came over the network, so every one is escaped.
 */
final class DiffText {
    private DiffText() {}

    static List<String> lines(DiffReport d) {
        List<String> lines = new ArrayList<>();
        d.added().forEach((name, values) -> lines.add(line("added", name + ": " + values(values))));
        d.removed().forEach((name, values) -> lines.add(line("removed", name + ": " + values(values))));
        d.changed()
                .forEach((name, change) -> lines.add(line(
                        "changed",
                        name + ": " + values(change.get("sent")) + " -> " + values(change.get("received")))));
        d.caseChanged().forEach((sent, received) -> lines.add(line("case", sent + " -> " + received)));
        change(lines, "target", d.target());
        change(lines, "method", d.method());
        change(lines, "protocol", d.protocol());
        if (!d.tls().isEmpty()) {
            if (d.tls().get("version") == null && d.tls().get("sni") == null) {
                lines.add(line(
                        "tls",
                        onOff(d.tls().get("sent")) + " -> " + onOff(d.tls().get("received"))));
            }
            if (d.tls().get("version") instanceof Map<?, ?> version) {
                change(lines, "tls", version);
            }
            if (d.tls().get("sni") instanceof Map<?, ?> sni) {
                lines.add(line("sni", sni.get("sent") + " -> " + sni.get("received")));
            }
        }
        if (!d.body().isEmpty()) {
            lines.add(line(
                    "body", body(d.body().get("sent")) + " -> " + body(d.body().get("received"))));
        }
        if (!d.caller().isEmpty()) {
            List<?> forwardedFor = (List<?>) d.caller().get("forwardedFor");
            lines.add(line(
                    "caller",
                    d.caller().get("local") + " -> the server saw " + d.caller().get("seenByServer")
                            + (forwardedFor.isEmpty()
                                    ? ""
                                    : ", forwarded for " + String.join(", ", strings(forwardedFor)))));
        }
        for (Map<String, String> hop : d.hops()) {
            lines.add(line("hop", hop.get("header") + ": " + hop.get("value")));
        }
        return lines;
    }

    private static void change(List<String> lines, String what, Map<?, ?> change) {
        if (!change.isEmpty()) {
            lines.add(line(what, change.get("sent") + " -> " + change.get("received")));
        }
    }

    private static String line(String what, String text) {
        return String.format("%-9s%s", what, LogText.escape(text, 4000));
    }

    /** One value as it is; several as a list, so "a, b" and ["a", "b"] stay apart. */
    private static String values(List<String> values) {
        return values.size() == 1 ? values.get(0) : "[" + String.join(" | ", values) + "]";
    }

    private static String onOff(Object tls) {
        return Boolean.TRUE.equals(tls) ? "on" : "off";
    }

    private static String body(Object side) {
        Map<?, ?> body = (Map<?, ?>) side;
        String sha = String.valueOf(body.get("sha256"));
        return body.get("bytes") + " bytes (sha256 " + sha.substring(0, Math.min(12, sha.length())) + "...)";
    }

    private static List<String> strings(List<?> values) {
        List<String> strings = new ArrayList<>();
        values.forEach(v -> strings.add(String.valueOf(v)));
        return strings;
    }
}
