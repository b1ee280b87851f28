package dev.duet.client.count;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.common.RunHeaders;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * At the end of a run, what the servers saw of it. The tally is asked for with {@code
 * X-Duet-Tally} by a GET to the run's own URL, so it takes the path the run took (through any
 * proxy, by the same route), with a query parameter of its own ({@code duet-tally=RUN}) so no
 * cache can answer it. A GET changes nothing on a server that is not Duet's, which answers
 * something that is not a tally, and is ignored. Behind a load balancer each replica knows only
 * its part, so each question goes on a new connection, and the asking goes on until every server
 * that answered the run has given its tally, or a bound is reached.
 */
public final class ServerTallies {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The query parameter that makes each tally's URL unique: no cache holds an answer for it. */
    public static final String QUERY = RunHeaders.TALLY_QUERY;

    private ServerTallies() {}

    /** A Duet server answers a tally at once: a question waits no longer than this for it. */
    static final Duration PATIENCE = Duration.ofSeconds(3);

    /**
     * {@code builder} made fit to ask for tallies: a new connection for each question (no idle
     * one is kept), and no longer a wait than {@link #PATIENCE} or the run's own timeout.
     */
    public static OkHttpClient.Builder client(OkHttpClient.Builder builder) {
        OkHttpClient base = builder.build();
        Duration wait = Duration.ofMillis(Math.min(PATIENCE.toMillis(), base.readTimeoutMillis()));
        return base.newBuilder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.MILLISECONDS))
                .connectTimeout(wait)
                .readTimeout(wait)
                .writeTimeout(wait);
    }

    /**
     * The tallies merged: every server's arrivals summed, and the numbers that reached any of them.
     *
     * @param missing the servers that answered the run but gave no tally
     */
    public record Merged(long arrivals, long reached, Set<String> missing) {}

    /**
     * Asks until every server in {@code servers} has answered, at most three times as many
     * questions as there are servers; once when none is known (no answer came from a server,
     * yet requests may have reached one: a hop that retried them and answered itself).
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
        int questions = Math.max(1, 3 * servers.size());
        Request.Builder unique = template.header(RunHeaders.TALLY, run.id()).get();
        Request question = unique.url(unique.build()
                        .url()
                        .newBuilder()
                        .addQueryParameter(QUERY, run.id())
                        .build())
                .build();
        for (int i = 0; i < questions && (i == 0 || !missing.isEmpty()); i++) {
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
