package dev.duet.client.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.Failure;
import dev.duet.client.Main;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;

/**
 * {@code --json}: one JSON object per request, per line. Jackson is loaded only on this path,
 * which keeps the plain client's start-up quick.
 */
final class JsonReport {
    private final ObjectMapper mapper = new ObjectMapper();
    private final PrintStream out;

    JsonReport(PrintStream out) {
        this.out = out;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(
            String url, Integer statusCode, String body, PhaseTimer.Timings timings, String error, Integer exitCode) {}

    void answer(HttpUrl url, HttpGet.Answer answer) throws IOException {
        print(new Line(
                url.toString(),
                answer.status(),
                new String(answer.body(), StandardCharsets.UTF_8),
                answer.timings(),
                null,
                null));
    }

    void failure(HttpUrl url, Failure failure) throws IOException {
        print(new Line(url.toString(), null, null, null, failure.getMessage(), Main.exitCode(failure.kind())));
    }

    private void print(Line line) throws IOException {
        out.println(mapper.writeValueAsString(line));
    }
}
