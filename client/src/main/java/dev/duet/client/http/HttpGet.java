package dev.duet.client.http;

import dev.duet.client.Failure;
import dev.duet.common.Durations;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One GET with OkHttp, retried while the server cannot be reached (and only then: a request that
 * reached a server is never sent twice), until {@code retryFor} runs out.
 */
final class HttpGet {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final OkHttpClient client;
    private final Duration timeout;
    private final Duration retryFor;
    private final PrintStream err;

    HttpGet(HttpUrl url, Duration timeout, Duration retryFor, PrintStream err) {
        this.timeout = timeout;
        this.retryFor = retryFor;
        this.err = err;
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (!url.isHttps()) {
            // with no TLS connection spec OkHttp skips building its TLS machinery, some 360
            // classes and a third of a one-shot run's time; redirects are not followed, so no
            // https URL can come up later
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        this.client = builder.connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                // like the article's client and curl: show a redirect, do not follow it
                .followRedirects(false)
                // retries are ours, and only where nothing reached the server
                .retryOnConnectionFailure(false)
                .eventListenerFactory(call -> call.request().tag(PhaseTimer.class))
                .build();
    }

    record Answer(int status, byte[] body, PhaseTimer.Timings timings) {}

    Answer fetch(HttpUrl url) throws InterruptedException, Failure {
        long deadline = System.nanoTime() + retryFor.toNanos();
        Duration backoff = FIRST_BACKOFF;
        boolean announced = false;
        while (true) {
            PhaseTimer timer = new PhaseTimer();
            Request request =
                    new Request.Builder().url(url).tag(PhaseTimer.class, timer).build();
            try (Response response = client.newCall(request).execute()) {
                byte[] body = response.body().bytes();
                return new Answer(response.code(), body, timer.timings());
            } catch (IOException e) {
                Failure failure = RequestFailure.from(e, address(url), timeout, timer.answerStarted());
                long remaining = deadline - System.nanoTime();
                if (timer.connected() || remaining <= 0) {
                    throw failure;
                }
                if (!announced) {
                    err.println("duet-client: " + failure.getMessage() + "; retrying for up to "
                            + Durations.format(retryFor));
                    announced = true;
                }
                Thread.sleep(Math.min(backoff.toMillis(), Math.max(1, remaining / 1_000_000)));
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    static String address(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return host + ":" + url.port();
    }
}
