package dev.duet.client.http;

import dev.duet.client.ExitCodes;
import dev.duet.common.Cli;
import dev.duet.common.FixedRate;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code duet-client get URL}: prints {@code statusCode: 200} and the body, as the article's client
 * does, once or on an interval. The exit code is 0 when every request succeeded, else that of the
 * last one that failed (curl's numbers: 6, 7, 22, 28, ...).
 */
public final class GetCommand {
    private final GetConfig config;
    private final PrintStream out;
    private final PrintStream err;

    public GetCommand(GetConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    public int run() throws InterruptedException, IOException {
        HttpGet get = new HttpGet(config.url(), config.timeout(), config.retryFor(), err);
        JsonReport json = config.json() ? new JsonReport(out) : null;
        int exitCode = 0;
        FixedRate rate = new FixedRate(config.interval());
        for (int i = 0; config.count().isEmpty() || i < config.count().get(); i++) {
            rate.awaitTick();
            exitCode = once(get, json, exitCode);
        }
        return exitCode;
    }

    private int once(HttpGet get, JsonReport json, int exitCode) throws InterruptedException, IOException {
        try {
            HttpGet.Answer answer = get.fetch(config.url());
            if (json != null) {
                json.answer(config.url(), answer);
            } else {
                out.println("statusCode: " + answer.status());
                out.write(answer.body());
                if (answer.body().length > 0 && answer.body()[answer.body().length - 1] != '\n') {
                    out.println();
                }
            }
            out.flush();
            if (answer.status() >= 400) {
                err.println("duet-client: " + HttpGet.address(config.url()) + " answered " + answer.status());
                return ExitCodes.HTTP_ERROR;
            }
            return exitCode;
        } catch (Cli.Failure failure) {
            err.println("duet-client: " + failure.getMessage());
            if (json != null) {
                json.failure(config.url(), failure);
            }
            return failure.exitCode();
        }
    }
}
