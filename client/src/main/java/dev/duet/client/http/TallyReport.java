package dev.duet.client.http;

import dev.duet.common.Durations;
import dev.duet.common.LogText;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How a --tally is shown: a Markdown table of the servers and a line with the total, or with
 * --json one object. Names and reasons come from the network; in the table they are escaped.
 */
final class TallyReport {
    private TallyReport() {}

    /** The --json object. */
    record Summary(
            String url, int requests, int answered, int failed, List<ReplicaTally.Server> servers, String firstError) {}

    /** The first line, printed before the requests are sent. */
    static String heading(GetConfig config, int requests) {
        Duration every = config.interval();
        return "tally " + ShownUrl.of(config.url()) + ": " + requests + (requests == 1 ? " request" : " requests")
                + ", each on a new connection"
                + (every.isZero() ? "" : ", one every " + Durations.format(every));
    }

    static void table(PrintStream out, ReplicaTally tally) {
        out.println("| server | answers | share | median ms |");
        out.println("|---|---|---|---|");
        List<ReplicaTally.Server> servers = tally.servers();
        for (ReplicaTally.Server server : servers) {
            out.println(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f%% | %.2f |",
                    cell(server.name()),
                    server.answers(),
                    server.share(),
                    server.medianMs()));
        }
        out.println(total(tally, servers.size()));
        out.flush();
    }

    static void json(JsonReport json, GetConfig config, ReplicaTally tally) throws IOException {
        json.object(new Summary(
                ShownUrl.of(config.url()),
                tally.requests(),
                tally.answered(),
                tally.failed(),
                tally.servers(),
                tally.firstError().orElse(null)));
    }

    /** "3 servers answered 30 of 30 requests", and what failed. */
    private static String total(ReplicaTally tally, int servers) {
        String line = servers == 0
                ? "no server answered any of " + tally.requests() + " requests"
                : servers + (servers == 1 ? " server" : " servers") + " answered " + tally.answered() + " of "
                        + tally.requests() + " requests";
        return tally.firstError()
                .map(first -> line + "; " + tally.failed() + " failed, the first: " + LogText.escape(first, 2000))
                .orElse(line);
    }

    /** A server's name, escaped, and cut to fit a table cell; a | in it cannot end the cell. */
    private static String cell(String name) {
        return LogText.escape(name, 200).replace("|", "\\|");
    }
}
