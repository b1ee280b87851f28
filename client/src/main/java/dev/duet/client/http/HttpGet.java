package dev.duet.client.http;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.client.count.Answers;
import dev.duet.client.count.Run;
import dev.duet.client.count.RunCounts;
import dev.duet.client.count.ServerTallies;
import dev.duet.common.Durations;
import dev.duet.common.RunHeaders;
import dev.duet.common.ServerTiming;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.Dns;
import okhttp3.Handshake;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * One request with OkHttp, retried while the server cannot be reached (and only then: a request
 * that reached a server is never sent twice), until {@code retryFor} runs out. The answer's body
 * is handed over as it streams in, never held whole.
 */
final class HttpGet {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final OkHttpClient client;
    private final CountingSockets sockets;
    private final MissingClientCertificate missingCertificate = new MissingClientCertificate();
    private final HttpUrl url;
    private final RequestSpec spec;
    private final Duration timeout;
    private final Duration retryFor;
    private final PrintStream err;
    /** The run's answers, counted at this end; null with --run-id off. */
    private final Answers answers;

    private final GetConfig config;

    HttpGet(GetConfig config, PrintStream err) throws Failure {
        this(config, err, false);
    }

    /**
     * Sends each request on a connection of its own, closed once it is answered: over HTTP/2 too,
     * where one connection would otherwise carry every request. A load balancer that picks a
     * server per connection then picks again for each request; behind DNS round robin, each
     * connection takes the name's next address ({@link RotatingDns}).
     */
    static HttpGet eachOnANewConnection(GetConfig config, PrintStream err) throws Failure {
        return new HttpGet(config, err, true);
    }

    private HttpGet(GetConfig config, PrintStream err, boolean newConnectionEach) throws Failure {
        this.url = config.url();
        this.spec = config.request();
        this.timeout = config.timeout();
        this.retryFor = config.retryFor();
        this.err = err;
        this.sockets = new CountingSockets(config.routes());
        this.config = config;
        this.answers = config.runId() ? new Answers(Run.start()) : null;
        // -L may lead from http to https: TLS is set up for it too
        OkHttpClient.Builder builder = HttpClients.builder(
                        url.isHttps() || config.followRedirects(),
                        config.http2(),
                        config.tls(),
                        timeout,
                        missingCertificate)
                .socketFactory(sockets)
                .dns(config.routes().dns(Dns.SYSTEM))
                .followRedirects(config.followRedirects())
                .followSslRedirects(config.followRedirects())
                .eventListenerFactory(call -> call.request().tag(PhaseTimer.class));
        if (config.verbose()) {
            builder.addNetworkInterceptor(new VerboseLog(err));
        }
        if (newConnectionEach) {
            // no idle connection is kept, so none is reused: each is closed when its call ends
            builder.connectionPool(new ConnectionPool(0, 1, TimeUnit.MILLISECONDS));
            builder.dns(new RotatingDns(config.routes().dns(Dns.SYSTEM)));
        }
        this.client = builder.build();
    }

    /** What came back, before its body: the status, the protocol spoken, the headers, the TLS session. */
    record Answer(int status, Protocol protocol, Headers headers, Handshake handshake) {
        /** As the server's JSON echo names them: HTTP/1.1, HTTP/2.0. */
        String protocolName() {
            return protocol == Protocol.HTTP_1_1 ? "HTTP/1.1" : protocol == Protocol.HTTP_1_0 ? "HTTP/1.0" : "HTTP/2.0";
        }
    }

    /** Reads an answer while its body streams in. */
    @FunctionalInterface
    interface AnswerReader {
        /**
         * {@code body} is empty where the status says there is none (1xx, 204, 304). An
         * IOException is the network's; a failure of the reader's own (-o's file) is a Failure.
         */
        void read(Answer answer, BufferedSource body) throws IOException, Failure;
    }

    /**
     * Sends the request, hands the answer to {@code reader}, and returns how long each phase took.
     * A request of a counted run carries its number; one that is retried because it could not
     * connect keeps it, since it never left.
     */
    PhaseTimer.Timings fetch(AnswerReader reader) throws InterruptedException, Failure {
        long deadline = System.nanoTime() + retryFor.toNanos();
        Duration backoff = FIRST_BACKOFF;
        boolean announced = false;
        int seq = answers == null ? 0 : answers.run().next();
        while (true) {
            PhaseTimer timer = new PhaseTimer();
            Request.Builder request = withCredentials(spec.request(url)).tag(PhaseTimer.class, timer);
            if (answers != null) {
                request.header(RunHeaders.RUN, answers.run().id()).header(RunHeaders.SEQ, Integer.toString(seq));
            }
            sockets.reset();
            try (Response response = client.newCall(request.build()).execute()) {
                if (answers == null || answers.answered(seq, response.header(RunHeaders.SEEN)) != null) {
                    // an answer from a cache carries the server's time on some earlier request: not this one's
                    timer.serverTiming(response.headers(ServerTiming.HEADER));
                }
                // a 304 may carry the Content-Length of the body it stands for: there is no body
                reader.read(
                        new Answer(response.code(), response.protocol(), response.headers(), response.handshake()),
                        hasBody(response.code()) ? response.body().source() : new Buffer());
            } catch (IOException e) {
                Failure failure = RequestFailure.from(
                        e, ShownUrl.address(url), timeout, sockets.received(), missingCertificate.asked());
                long remaining = deadline - System.nanoTime();
                if (timer.connected() && answers != null) {
                    answers.lostAfterConnecting();
                }
                if (timer.connected() || remaining <= 0) {
                    throw failure;
                }
                if (!announced) {
                    err.println(failure.line() + "; retrying for up to " + Durations.format(retryFor));
                    announced = true;
                }
                Thread.sleep(Math.min(backoff.toMillis(), Math.max(1, remaining / 1_000_000)));
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                continue;
            }
            return timer.timings();
        }
    }

    /** The URL's user and password, if it has them, as Basic credentials, as curl sends them. */
    private Request.Builder withCredentials(Request.Builder request) {
        if (!url.username().isEmpty()) {
            request.header("Authorization", Credentials.basic(url.username(), url.password(), StandardCharsets.UTF_8));
        }
        return request;
    }

    /**
     * The run counted at both ends, once its requests are done: the servers' tallies are asked
     * for when {@code askServers} and some request got as far as a connection; or when the
     * answers show the path did something (a retry, an answer from in between, a request
     * unanswered) and a Duet server answered some request; else the answers alone say it.
     *
     * @return null with --run-id off
     */
    RunCounts counts(boolean askServers) throws Failure {
        if (answers == null) {
            return null;
        }
        boolean trouble = answers.inBetween() > 0
                || answers.mostSeen() > 1
                || answers.answered() < answers.run().sent();
        ServerTallies.Merged merged = null;
        if ((askServers && answers.anySent()) || (trouble && !answers.servers().isEmpty())) {
            OkHttpClient fresh = ServerTallies.client(
                            HttpClients.builder(url.isHttps(), config.http2(), config.tls(), timeout))
                    .socketFactory(new CountingSockets(config.routes()))
                    .dns(new RotatingDns(config.routes().dns(Dns.SYSTEM)))
                    .build();
            merged = ServerTallies.fetch(
                    fresh, withCredentials(spec.headersForThePath(url)), answers.run(), answers.servers());
            if (merged != null && !merged.missing().isEmpty()) {
                err.println(ClientOptions.PROGRAM + ": no tally from " + String.join(", ", merged.missing())
                        + ": the counts leave out what it saw");
            }
        }
        return RunCounts.of(answers, merged);
    }

    /** The run's id, or null with --run-id off. */
    String runId() {
        return answers == null ? null : answers.run().id();
    }

    /** RFC 9110: informational answers, 204 and 304 never have a body, whatever their headers say. */
    private static boolean hasBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }
}
