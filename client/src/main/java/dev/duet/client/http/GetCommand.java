package dev.duet.client.http;

import dev.duet.client.Failure;
import dev.duet.common.FixedRate;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * {@code duet-client get URL}: prints {@code statusCode: 200} and the body, as the article's client
 * does, once or on an interval. A run of several requests keeps going after a failure, like the
 * article's {@code setInterval}, printing each; it ends with the last failure, if there was one.
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

    public void run() throws InterruptedException, IOException, Failure {
        HttpGet get = new HttpGet(config.url(), config.timeout(), config.retryFor(), err);
        JsonReport json = config.json() ? new JsonReport(out) : null;
        Optional<Failure> last = Optional.empty();
        FixedRate rate = new FixedRate(config.interval());
        for (int i = 0; config.count().isEmpty() || i < config.count().get(); i++) {
            rate.awaitTick();
            try {
                once(get, json);
            } catch (Failure failure) {
                err.println(failure.line());
                if (json != null) {
                    json.failure(config.url(), failure);
                }
                last = Optional.of(failure.alreadyShown());
            }
        }
        if (last.isPresent()) {
            throw last.get();
        }
    }

    private void once(HttpGet get, JsonReport json) throws InterruptedException, IOException, Failure {
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
            throw new Failure(Failure.Kind.HTTP_ERROR, HttpGet.address(config.url()) + " answered " + answer.status());
        }
    }
}
