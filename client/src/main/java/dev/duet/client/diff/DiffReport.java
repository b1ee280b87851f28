package dev.duet.client.diff;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What the path between client and server did to one request: {@code diff --json} prints it as
 * it stands. Every key is present; one the path did not touch is empty ({@code {}} or {@code []}).
 *
 * @param added       headers the server received that the client did not send, by name as received
 * @param removed     headers the client sent that the server did not receive, by name as sent
 * @param changed     headers both have, with other values (or the same values in another order):
 *     {@code {"sent": [...], "received": [...]}}, by name as sent
 * @param caseChanged names whose spelling alone changed: the name as sent, and as received
 * @param target      {@code {"sent": ..., "received": ...}} when the request target changed
 * @param method      likewise, for the method
 * @param protocol    likewise, for the HTTP version: {@code HTTP/1.1} or {@code HTTP/2}
 * @param tls         {@code {"sent": true|false, "received": true|false}} when TLS was added or
 *     taken away; with TLS at both ends, its {@code version} or {@code sni} when they differ
 * @param body        {@code {"sent": {"bytes", "sha256"}, "received": {...}}} when it changed
 * @param caller      {@code {"local", "seenByServer", "forwardedFor"}} when the server saw the
 *     request come from another address than the client's own, or a hop said whom it forwarded for
 * @param hops        the headers by which hops name themselves or the request (Via, Forwarded,
 *     X-Forwarded-*, X-Request-Id, trace ids), as added or changed on the way:
 *     {@code [{"header", "value"}]}
 */
@JsonPropertyOrder({
    "url",
    "same",
    "added",
    "removed",
    "changed",
    "caseChanged",
    "target",
    "method",
    "protocol",
    "tls",
    "body",
    "caller",
    "hops"
})
record DiffReport(
        String url,
        boolean same,
        Map<String, List<String>> added,
        Map<String, List<String>> removed,
        Map<String, Map<String, List<String>>> changed,
        Map<String, String> caseChanged,
        Map<String, Object> target,
        Map<String, Object> method,
        Map<String, Object> protocol,
        Map<String, Object> tls,
        Map<String, Object> body,
        Map<String, Object> caller,
        List<Map<String, String>> hops) {}
