package dev.duet.client.count;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.common.RunHeaders;
import java.io.IOException;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * At the end of a run, what the servers saw of it. The tally is asked for by a POST with no body
 * to the run's own URL with {@code X-Duet-Tally}, so it takes the path the run took (through any
 * proxy, by the same route) and no cache answers it, as one could a GET. Behind a load balancer
 * each replica knows only its part, so each question goes on a new connection, and the asking
 * goes on until every server that answered the run has given its tally, or a bound is reached.
 */
public final class ServerTallies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

    private ServerTallies() {}

    /**
     * The tallies merged: every server's arrivals summed, and the numbers that reached any of them.
     *
     * @param missing the servers that answered the run but gave no tally
     */
    public record Merged(long arrivals, long reached, Set<String> missing) {}

    /**
     * Asks until every server in {@code servers} has answered, at most three times as many
     * questions as there are servers.
     *
     * @param client   makes a new connection for each question
     * @param template the run's URL and the headers it needs on the path (credentials, a Host)
     * @return null when no tally came back at all
     */
    public static Merged fetch(OkHttpClient client, Request.Builder template, Run run, Set<String> servers) {
        Set<String> heard = new HashSet<>();
        Set<String> missing = new LinkedHashSet<>(servers);
        BitSet reached = new BitSet();
        long arrivals = 0;
        long uncounted = 0;
        int questions = 3 * servers.size();
        Request question =
                template.header(RunHeaders.TALLY, run.id()).post(EMPTY).build();
        for (int i = 0; i < questions && !missing.isEmpty(); i++) {
            JsonNode tally = ask(client, question, run);
            if (tally == null || !heard.add(tally.path("server").asText())) {
                continue; // no tally, or one already counted: a replica answers for itself once
            }
            missing.remove(tally.path("server").asText());
            arrivals += tally.path("arrivals").asLong();
            uncounted += tally.path("uncounted").asLong();
            BitSet seen =
                    BitSet.valueOf(Base64.getDecoder().decode(tally.path("seen").asText()));
            reached.or(seen.get(0, Math.max(0, run.sent())));
        }
        return heard.isEmpty() ? null : new Merged(arrivals, reached.cardinality() + uncounted, Set.copyOf(missing));
    }

    /** One server's tally of the run, or null when what came back is not one. */
    private static JsonNode ask(OkHttpClient client, Request question, Run run) {
        try (Response response = client.newCall(question).execute()) {
            if (response.code() != 200) {
                return null;
            }
            JsonNode tally = JSON.readTree(response.body().byteStream());
            return tally.path("run").asText().equals(run.id())
                            && tally.path("seen").isTextual()
                    ? tally
                    : null;
        } catch (IOException | IllegalArgumentException e) {
            return null; // not this server's tally: the counts say what is unknown
        }
    }
}
