package dev.duet.client.faults;

import dev.duet.common.ByteSizes;
import dev.duet.common.Durations;
import dev.duet.common.UsageException;
import dev.duet.common.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A failure the server produces when asked ({@code X-Duet-*} response controls), by the name
 * {@code faults} reports it under: the failures an ingress, a gateway or a load balancer meets
 * from the servers behind it.
 */
public enum Fault {
    STATUS_503("503", "an answer of 503 Service Unavailable"),
    STATUS_500("500", "an answer of 500 Internal Server Error"),
    SLOW("slow", "the answer after --slow"),
    CLOSE("close", "the connection closed before any answer"),
    RESET("reset", "the connection reset (TCP RST) before any answer"),
    HANG("hang", "no answer at all; the connection stays open"),
    CUT("cut", "a " + ByteSizes.format(Fault.CUT_BODY) + " body cut short: the head, half the body, then the close"),
    TRICKLE("trickle", "the body in pieces spread over --slow, the head at once"),
    BIG_HEADER("big-header", "an answer with a header of " + ByteSizes.format(Fault.BIG_HEADER_BYTES)),
    BIG_BODY("big-body", "an answer of --big-body bytes");

    /** The body the cut one promises: long enough that half of it is well under way. */
    static final long CUT_BODY = 64 * 1024;
    /** Past the 16 KiB of answer head that many proxies take (HAProxy's buffer, Node's parser). */
    static final int BIG_HEADER_BYTES = 17 * 1024;

    private final String word;
    private final String what;

    Fault(String word, String what) {
        this.word = word;
        this.what = what;
    }

    /** Its name in the table, in {@code --only} and in the JSON. */
    public String word() {
        return word;
    }

    /** What the server is asked to do, for --help and the docs. */
    public String what() {
        return what;
    }

    /** The control headers that ask the server for this fault. */
    List<String> controls(FaultsConfig config) {
        return switch (this) {
            case STATUS_503 -> List.of("X-Duet-Status: 503");
            case STATUS_500 -> List.of("X-Duet-Status: 500");
            case SLOW -> List.of("X-Duet-Delay: " + Durations.format(config.slow()));
            case CLOSE -> List.of("X-Duet-Fault: close");
            case RESET -> List.of("X-Duet-Fault: reset");
            case HANG -> List.of("X-Duet-Fault: hang");
            case CUT -> List.of("X-Duet-Size: " + CUT_BODY, "X-Duet-Fault: cut");
            case TRICKLE -> List.of("X-Duet-Trickle: " + Durations.format(config.slow()));
            case BIG_HEADER -> List.of("X-Duet-Header-Size: " + BIG_HEADER_BYTES);
            case BIG_BODY -> List.of("X-Duet-Size: " + config.bigBody());
        };
    }

    private static List<String> words() {
        return Arrays.stream(values()).map(Fault::word).toList();
    }

    /** {@code --only}'s value: faults by name, comma-separated, each once, in the order given. */
    public static final ValueType<List<Fault>> LIST = ValueType.of(
            "FAULT,...",
            text -> {
                Set<Fault> picked = new LinkedHashSet<>();
                for (String word : text.split(",", -1)) {
                    picked.add(named(word.trim()));
                }
                return List.copyOf(picked);
            },
            faults -> String.join(",", faults.stream().map(Fault::word).toList()),
            "503,slow");

    private static Fault named(String word) {
        for (Fault fault : values()) {
            if (fault.word.equals(word)) {
                return fault;
            }
        }
        throw new IllegalArgumentException(
                UsageException.unknown("fault", word, words()).getMessage());
    }

    /** Every fault, in the table's order. */
    public static List<Fault> all() {
        return new ArrayList<>(List.of(values()));
    }
}
