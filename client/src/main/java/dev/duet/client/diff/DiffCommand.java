package dev.duet.client.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.Failure;
import dev.duet.client.count.Run;
import dev.duet.client.http.HttpClients;
import dev.duet.client.http.RequestFailure;
import dev.duet.client.http.ShownUrl;
import dev.duet.common.Digests;
import dev.duet.common.RunHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code duet-client diff URL}: sends one request, numbered as the first of a fresh run, and asks
 * for the server's JSON echo, which says what arrived: the target, every header in the order and
 * case it came, the body's length and hash, the protocol, TLS, and the caller's address. The
 * difference from what the client put on the wire is what the path between them did.
 */
public final class DiffCommand {
    /** The JSON echo of the largest body a server takes (10 MiB by default), base64'd, and some. */
    private static final int MAX_ECHO_BYTES = 64 << 20;

    private final DiffConfig config;
    private final PrintStream out;

    public DiffCommand(DiffConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public void run() throws IOException, Failure {
        Run run = Run.start();
        int seq = run.next();
        WireRecorder wire = new WireRecorder();
        OkHttpClient client = HttpClients.builder(
                        config.url().isHttps(), config.http2(), config.tls(), config.timeout())
                .addNetworkInterceptor(wire)
                .build();
        Request.Builder request = config.request()
                .request(config.url())
                .header("Accept", "application/json")
                .header(RunHeaders.RUN, run.id())
                .header(RunHeaders.SEQ, Integer.toString(seq));
        if (!config.url().username().isEmpty()) {
            request.header(
                    "Authorization",
                    Credentials.basic(config.url().username(), config.url().password(), StandardCharsets.UTF_8));
        }
        byte[] body = config.request().bodyBytes().orElse(new byte[0]);
        JsonNode echo;
        RunHeaders.Seen seen;
        try (Response response = client.newCall(request.build()).execute()) {
            String type = response.header("Content-Type", "");
            if (response.code() != 200 || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw notTheEcho("answered " + response.code() + (type.isEmpty() ? "" : " with " + type)
                        + ", not a Duet server's JSON echo");
            }
            echo = new ObjectMapper().readTree(limited(response.body().byteStream()));
            seen = RunHeaders.Seen.parse(response.header(RunHeaders.SEEN, ""));
        } catch (IOException e) {
            throw RequestFailure.from(e, ShownUrl.address(config.url()), config.timeout(), 0);
        }
        if (!echo.path("rawHeaders").isArray()) {
            throw notTheEcho("answered JSON that is not a Duet server's echo (it has no rawHeaders)");
        }
        String echoedRun = echoed(echo, RunHeaders.RUN);
        if (echoedRun != null && !echoedRun.equals(run.id())) {
            throw notTheEcho("answered with the echo of another request (" + RunHeaders.RUN + ": " + echoedRun
                    + "): a cache or a hop answered, not the server; diff needs the server's own answer (try -X POST)");
        }
        RequestView sent = wire.sent(body.length, Digests.sha256(body));
        DiffReport report = RequestDiff.compare(ShownUrl.of(config.url()), sent, RequestView.received(echo));
        if (config.json()) {
            out.println(new ObjectMapper().writeValueAsString(report));
        } else {
            DiffText.lines(report).forEach(out::println);
        }
        if (seen != null && seen.count() > 1 && !config.json()) {
            out.println(String.format("%-9s%s", "retried", "the server saw this request " + seen.count() + " times"));
        }
        if (config.expectSame() && !report.same()) {
            throw new Failure(
                    Failure.Kind.PATH_CHANGED,
                    "the path to " + ShownUrl.address(config.url()) + " changed the request (--expect-same)");
        }
    }

    private Failure notTheEcho(String why) {
        return new Failure(Failure.Kind.NOT_THE_ECHO, ShownUrl.address(config.url()) + " " + why);
    }

    /** The first value the echo says the server received for {@code name}, or null. */
    private static String echoed(JsonNode echo, String name) {
        for (JsonNode pair : echo.path("rawHeaders")) {
            if (pair.path(0).asText().equalsIgnoreCase(name)) {
                return pair.path(1).asText();
            }
        }
        return null;
    }

    private static byte[] limited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_ECHO_BYTES + 1);
        if (bytes.length > MAX_ECHO_BYTES) {
            throw new IOException("the JSON echo is over " + (MAX_ECHO_BYTES >> 20) + " MiB");
        }
        return bytes;
    }
}
