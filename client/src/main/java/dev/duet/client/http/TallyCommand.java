package dev.duet.client.http;

import dev.duet.client.Failure;
import dev.duet.common.IntervalTicker;
import java.io.IOException;
import java.io.PrintStream;
import okio.Buffer;
import okio.BufferedSource;

/**
 * {@code duet-client get URL --tally}: which replica behind a load balancer answered. It sends
 * --count requests (20 unless told), back to back or every --interval, each on a new connection so
 * the balancer chooses afresh; asks each for the JSON echo and counts it under the name of the
 * server that wrote it ({@code server.name}). A request that fails, or is answered with anything
 * but a 2xx JSON echo, is counted and the run goes on; any such makes the run fail at its end.
 */
public final class TallyCommand {
    private static final RequestHeader ACCEPT_JSON = new RequestHeader("Accept", "application/json");

    private final GetConfig config;
    private final PrintStream out;
    private final PrintStream err;

    public TallyCommand(GetConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    public void run() throws InterruptedException, IOException, Failure {
        HttpCall get = HttpCall.eachOnANewConnection(
                config.withRequest(config.request().withHeader(ACCEPT_JSON)), err);
        int requests = config.count().orElse(GetConfig.TALLY_COUNT);
        if (!config.json()) {
            out.println(TallyReport.heading(config, requests));
            out.flush();
        }
        ReplicaTally tally = new ReplicaTally();
        IntervalTicker ticker = new IntervalTicker(config.interval());
        for (int i = 0; i < requests; i++) {
            ticker.awaitTick();
            once(get, tally);
        }
        if (config.json()) {
            TallyReport.json(new JsonReport(out), config, tally);
        } else {
            TallyReport.table(out, tally);
        }
        if (tally.failed() > 0) {
            throw new Failure(
                    Failure.Kind.REQUESTS_FAILED,
                    tally.failed() + " of " + requests + " requests failed; the first: "
                            + tally.firstError().orElseThrow());
        }
    }

    /** One request, counted as answered by the server it names, or as failed. */
    private void once(HttpCall get, ReplicaTally tally) throws InterruptedException {
        String address = ShownUrl.address(config.url());
        int[] status = new int[1];
        String[] name = new String[1];
        try {
            PhaseTimer.Timings timings = get.fetch((answer, body) -> {
                status[0] = answer.status();
                if (status[0] / 100 == 2) {
                    name[0] = AnswererName.read(body.inputStream()).orElse(null);
                }
                drain(body); // the whole answer is in the time taken
            });
            if (status[0] / 100 != 2) {
                tally.failed(address + " answered " + status[0]);
            } else if (name[0] == null) {
                tally.failed("the answer from " + address + " is not Duet's JSON echo (no server.name)");
            } else {
                tally.answered(name[0], timings.totalMs());
            }
        } catch (Failure failure) {
            tally.failed(failure.getMessage());
        }
    }

    private static void drain(BufferedSource body) throws IOException {
        Buffer discarded = new Buffer();
        while (body.read(discarded, 64 * 1024) >= 0) {
            discarded.clear();
        }
    }
}
