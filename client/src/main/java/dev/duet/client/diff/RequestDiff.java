package dev.duet.client.diff;

import dev.duet.common.Digests;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a request as the client sent it with the request as the server received it. Header
 * names compare case-insensitively; a change of case alone is reported on its own, except where a
 * protocol decides the case (HTTP/2 lower-cases every name) or the server cannot tell it (its
 * HTTP/1.1 parser spells the standard names its own way). The order of different headers is not
 * a change; the order of one header's values is.
 */
final class RequestDiff {
    /** Headers by which hops name themselves or the request they carried. */
    private static final Set<String> HOP_HEADERS = Set.of(
            "via",
            "forwarded",
            "x-real-ip",
            "x-request-id",
            "x-correlation-id",
            "x-amzn-trace-id",
            "traceparent",
            "tracestate",
            "b3",
            "x-varnish",
            "cdn-loop");

    /** Headers whose values a report does not print. */
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private static final List<String> HOP_PREFIXES = List.of("x-forwarded-", "x-envoy-", "x-b3-");

    private RequestDiff() {}

    static DiffReport compare(String url, RequestView sent, RequestView received) {
        Map<String, Named> before = byName(sent.headers());
        Map<String, Named> after = byName(received.headers());
        Map<String, List<String>> added = new LinkedHashMap<>();
        Map<String, List<String>> removed = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> changed = new LinkedHashMap<>();
        Map<String, String> caseChanged = new LinkedHashMap<>();
        List<Map<String, String>> hops = new ArrayList<>();
        for (Map.Entry<String, Named> entry : after.entrySet()) {
            Named got = entry.getValue();
            Named gave = before.get(entry.getKey());
            if (gave == null) {
                added.put(got.name, shown(entry.getKey(), got.values));
            } else if (!gave.values.equals(got.values)) {
                Map<String, List<String>> values = new LinkedHashMap<>();
                values.put("sent", shown(entry.getKey(), gave.values));
                values.put("received", shown(entry.getKey(), got.values));
                changed.put(gave.name, values);
            }
            if ((gave == null || !gave.values.equals(got.values)) && isHop(entry.getKey())) {
                for (String value : got.values) {
                    Map<String, String> hop = new LinkedHashMap<>();
                    hop.put("header", got.name);
                    hop.put("value", value);
                    hops.add(hop);
                }
            }
            if (gave != null && caseTells(gave.name, got.name, sent, received)) {
                caseChanged.put(gave.name, got.name);
            }
        }
        for (Map.Entry<String, Named> entry : before.entrySet()) {
            if (!after.containsKey(entry.getKey())) {
                removed.put(entry.getValue().name, shown(entry.getKey(), entry.getValue().values));
            }
        }
        Map<String, Object> target = change(sent.target(), received.target());
        Map<String, Object> method = change(sent.method(), received.method());
        Map<String, Object> protocol = change(sent.protocol(), received.protocol());
        Map<String, Object> tls = tls(sent, received);
        Map<String, Object> body =
                sent.bodyBytes() == received.bodyBytes() && sent.bodySha256().equals(received.bodySha256())
                        ? Map.of()
                        : ordered("sent", body(sent), "received", body(received));
        Map<String, Object> caller = caller(sent, received, after);
        boolean same = added.isEmpty()
                && removed.isEmpty()
                && changed.isEmpty()
                && caseChanged.isEmpty()
                && target.isEmpty()
                && method.isEmpty()
                && protocol.isEmpty()
                && tls.isEmpty()
                && body.isEmpty()
                && caller.isEmpty()
                && hops.isEmpty();
        return new DiffReport(
                url, same, added, removed, changed, caseChanged, target, method, protocol, tls, body, caller, hops);
    }

    /** One header's values in order, under the name it first came with. */
    private record Named(String name, List<String> values) {}

    private static Map<String, Named> byName(List<RequestView.Header> headers) {
        Map<String, Named> named = new LinkedHashMap<>();
        for (RequestView.Header header : headers) {
            named.computeIfAbsent(header.key(), k -> new Named(header.name(), new ArrayList<>()))
                    .values
                    .add(header.value());
        }
        return named;
    }

    /**
     * Whether a difference in spelling is the path's doing: not where HTTP/2 lower-cased the name
     * at either end, not where the server cannot vouch for the case it shows, and not between
     * HTTP/2's :authority and the Host it stands for.
     */
    private static boolean caseTells(String sentName, String receivedName, RequestView sent, RequestView received) {
        return !sentName.equals(receivedName)
                && !sentName.equalsIgnoreCase("host")
                && !received.protocol().equals("HTTP/2")
                && !sent.protocol().equals("HTTP/2")
                && !received.caseUnknown().contains(receivedName);
    }

    /**
     * Values as a report may show them: credentials are replaced by their length and the start of
     * their SHA-256, so a report in a CI log tells a change without giving a secret away.
     */
    private static List<String> shown(String key, List<String> values) {
        if (!SECRET_HEADERS.contains(key)) {
            return values;
        }
        List<String> hidden = new ArrayList<>();
        for (String value : values) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            hidden.add("<redacted: " + bytes.length + " bytes, sha256 "
                    + Digests.sha256(bytes).substring(0, 8) + ">");
        }
        return hidden;
    }

    private static boolean isHop(String key) {
        return HOP_HEADERS.contains(key) || HOP_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private static Map<String, Object> change(Object sent, Object received) {
        return Objects.equals(sent, received) ? Map.of() : ordered("sent", sent, "received", received);
    }

    private static Map<String, Object> tls(RequestView sent, RequestView received) {
        if (sent.tls() != received.tls()) {
            return ordered("sent", sent.tls(), "received", received.tls());
        }
        Map<String, Object> tls = new LinkedHashMap<>();
        if (sent.tls()) {
            Map<String, Object> version = known(sent.tlsVersion(), received.tlsVersion());
            Map<String, Object> sni = known(sent.sni(), received.sni());
            if (!version.isEmpty() || !sni.isEmpty()) {
                tls.put("sent", true);
                tls.put("received", true);
                if (!version.isEmpty()) {
                    tls.put("version", version);
                }
                if (!sni.isEmpty()) {
                    tls.put("sni", sni);
                }
            }
        }
        return tls;
    }

    /** A change between two values where both ends know theirs. */
    private static Map<String, Object> known(String sent, String received) {
        return sent == null || received == null ? Map.of() : change(sent, received);
    }

    private static Map<String, Object> body(RequestView side) {
        return ordered("bytes", side.bodyBytes(), "sha256", side.bodySha256());
    }

    /** Where the request came from, when the server saw another address or a hop named the caller. */
    private static Map<String, Object> caller(RequestView sent, RequestView received, Map<String, Named> after) {
        List<String> forwardedFor = new ArrayList<>();
        Named xff = after.get("x-forwarded-for");
        if (xff != null) {
            for (String value : xff.values) {
                for (String address : value.split(",")) {
                    if (!address.isBlank()) {
                        forwardedFor.add(address.trim());
                    }
                }
            }
        }
        Named forwarded = after.get("forwarded");
        if (forwarded != null) {
            for (String value : forwarded.values) {
                for (String element : value.split("[,;]")) {
                    String pair = element.trim();
                    if (pair.toLowerCase(Locale.ROOT).startsWith("for=")) {
                        forwardedFor.add(pair.substring(4).replace("\"", ""));
                    }
                }
            }
        }
        if (sent.peer().equals(received.peer()) && forwardedFor.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> caller = new LinkedHashMap<>();
        caller.put("local", sent.peer());
        caller.put("seenByServer", received.peer());
        caller.put("forwardedFor", forwardedFor);
        return caller;
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
