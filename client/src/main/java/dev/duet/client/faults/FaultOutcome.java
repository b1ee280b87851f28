package dev.duet.client.faults;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What reached the client when the server was asked for one fault.
 *
 * @param fault          the fault's name ({@link Fault#word()})
 * @param status         the answer's status, from the server or from a hop; null when none came
 * @param error          how the exchange failed, as bench counts it ({@code closed}, {@code reset},
 *     {@code timeout}, {@code partial}: a body cut short, {@code refused}, ...); null for a whole answer
 * @param ms             from the request's first byte to the outcome: the answer's last byte, or the failure
 * @param connectionKept whether the connection carried another request after it
 * @param serverSaw      how many times the server saw the request (over 1: a hop retried it); null
 *     when no tally came back
 */
@JsonPropertyOrder({"fault", "status", "error", "ms", "connectionKept", "serverSaw"})
public record FaultOutcome(
        String fault, Integer status, String error, double ms, boolean connectionKept, Long serverSaw) {}
