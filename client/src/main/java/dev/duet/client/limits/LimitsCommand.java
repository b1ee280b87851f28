package dev.duet.client.limits;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.Failure;
import dev.duet.client.count.Run;
import dev.duet.client.http.ShownUrl;
import dev.duet.common.ByteSizes;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code duet-client limits URL}: the walls of the path to a Duet server. For the request target,
 * one header's value, the whole request head, the number of header fields, the body and a
 * WebSocket message, the largest that reached the server intact, the smallest refused, and how
 * it was refused; each found by {@link WallSearch}, one dimension after another.
 */
public final class LimitsCommand {
    private final LimitsConfig config;
    private final PrintStream out;

    public LimitsCommand(LimitsConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /**
     * One dimension's wall, as the JSON gives it.
     *
     * @param largest         the largest size that reached the server intact (0: not even the smallest)
     * @param smallestRefused the smallest refused; null when all up to the cap passed
     * @param refusedAs       {@code 414}, {@code 431}, {@code 413}, {@code 400}, {@code closed},
     *     {@code reset}, {@code timeout}, a WebSocket close code, {@code altered}; null with it
     */
    @JsonPropertyOrder({"largest", "smallestRefused", "refusedAs"})
    public record Wall(long largest, Long smallestRefused, String refusedAs) {}

    public void run() throws Failure, IOException {
        Run run = Run.start();
        Map<String, Wall> walls = new LinkedHashMap<>();
        MessageProbe messages = new MessageProbe(config);
        try {
            for (Dimension dimension : Dimension.values()) {
                WallSearch.Found found;
                if (dimension == Dimension.WS_MESSAGE) {
                    found = WallSearch.find(1, config.cap(dimension), messages);
                } else {
                    RequestProbe probe = new RequestProbe(dimension, config, run);
                    long min = probe.min();
                    found = WallSearch.find(min, Math.max(min, config.cap(dimension)), probe);
                }
                walls.put(dimension.key(), new Wall(found.largest(), found.smallestRefused(), found.refusedAs()));
            }
        } finally {
            messages.close();
        }
        if (config.json()) {
            out.println(new ObjectMapper().writeValueAsString(walls));
        } else {
            print(walls);
        }
    }

    private void print(Map<String, Wall> walls) {
        out.printf(
                Locale.ROOT,
                "limits through %s (tried up to: target %s, header %s, %,d headers, body %s, message %s)%n",
                ShownUrl.of(config.url()),
                ByteSizes.format(config.maxTarget()),
                ByteSizes.format(config.maxHeaderSize()),
                config.maxHeaders(),
                ByteSizes.format(config.maxBody()),
                ByteSizes.format(config.maxMessage()));
        out.printf(Locale.ROOT, "%-18s %14s %17s  %s%n", "", "largest passed", "smallest refused", "refused as");
        for (Dimension dimension : Dimension.values()) {
            Wall wall = walls.get(dimension.key());
            out.printf(
                    Locale.ROOT,
                    "%-18s %,14d %17s  %s%n",
                    dimension.label(),
                    wall.largest(),
                    wall.smallestRefused() == null ? "-" : String.format(Locale.ROOT, "%,d", wall.smallestRefused()),
                    wall.refusedAs() == null ? "nothing refused up to the cap" : wall.refusedAs());
        }
        out.println("(bytes; the header section is the whole request head: request line, header lines and the"
                + " blank line; the header count is of header fields)");
    }
}
