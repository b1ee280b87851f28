package dev.duet.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.common.Digests;
import dev.duet.common.RunHeaders;
import dev.duet.common.ServerTiming;
import dev.duet.server.ServerIdentity;
import dev.duet.server.metrics.Metrics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.compression.server.internal.DecompressionRequest;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Answers every request, whatever its method or target, with the request target as text, or with
 * a JSON description of the request when the client asks for {@code application/json}.
 *
 * <p>It is the one handler of a bare Jetty server rather than a Javalin route because
 * routes dispatch on known methods and normalised paths, and the echo must answer every method and
 * every target exactly as sent. It never blocks, so Jetty may run it on the I/O thread.
 */
final class EchoHandler extends Handler.Abstract.NonBlocking {
    private static final String JSON = "application/json";
    // The fields every answer carries, encoded once: Jetty copies their bytes instead of checking
    // each character of the value on every response.
    private static final HttpField TEXT_TYPE =
            new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    private static final HttpField JSON_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, JSON);
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField DRAINING = new PreEncodedHttpField(RunHeaders.DRAINING, "true");
    private static final char UNDECODABLE = '\uFFFD';
    /** Every method is echoed but CONNECT; a 405 must list some, so these are the common ones. */
    private static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE";

    private final ServerIdentity identity;
    private final SeenRequests seen = new SeenRequests();
    /** This instance's name as X-Duet-Seen gives it, encoded once. */
    private final String serverName;

    private final int maxBodyBytes;
    /** Whether a request's X-Duet-* headers and duet-* parameters shape its answer ({@link ControlPlan}). */
    private final boolean controlsOn;
    /** Set once SIGTERM has come: every answer from then on says so, and ends its connection. */
    private volatile boolean draining;

    private final ControlPlan.Limits limits;
    private final DefaultControls defaults;
    private final Metrics.Controls applied;
    /** --log-body: how much of each body the access log keeps; 0 for none. */
    private final int logBodyBytes;
    /** What the answer varies with: Accept always, and what compression and CORS add. */
    private final HttpField vary;

    /** @param applied counts each control that changed an answer, in {@link ControlPlan.Control}'s order */
    EchoHandler(ServerIdentity identity, HttpServerConfig config, DefaultControls defaults, Metrics.Controls applied) {
        this.identity = identity;
        this.maxBodyBytes = config.maxBodyBytes();
        this.controlsOn = config.controls();
        this.limits = new ControlPlan.Limits(config.maxDelay(), config.maxBodyBytes());
        this.defaults = defaults;
        this.applied = applied;
        this.logBodyBytes = config.logDetail().bodyBytes();
        StringBuilder varies = new StringBuilder("Accept");
        if (config.encodings().on()) {
            varies.append(", Accept-Encoding");
        }
        if (config.cors().on()) {
            varies.append(", Origin");
        }
        // encoded once: the handlers in front merge their names in, and this puts them all back
        this.vary = new PreEncodedHttpField(HttpHeader.VARY, varies.toString());
        this.serverName = RunHeaders.encodeName(identity.name());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(NOSNIFF);
        response.getHeaders().put(vary);
        if (draining) {
            response.getHeaders().put(DRAINING);
            if (request.getConnectionMetaData().getHttpVersion() != HttpVersion.HTTP_2) {
                // the client's next request opens a new connection, which a load balancer sends to
                // a replica that is staying: a kept one would come back here until the server stops
                response.getHeaders().put(HttpFields.CONNECTION_CLOSE);
            }
        }
        if (HttpMethod.CONNECT.is(request.getMethod())) {
            // A 2xx to CONNECT tells a client its tunnel is open. Closing after the refusal leaves
            // no doubt about what the next bytes on the connection are.
            response.getHeaders().put(HttpHeader.ALLOW, ALLOWED_METHODS);
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            Response.writeError(
                    request,
                    response,
                    callback,
                    HttpStatus.METHOD_NOT_ALLOWED_405,
                    "CONNECT asks for a tunnel; this is an echo server, not a proxy");
            return true;
        }
        ResponseControls controls = ResponseControls.NONE;
        int duet = DuetHeaders.present(request.getHeaders());
        boolean inHeaders = (duet & DuetHeaders.CONTROLS) != 0;
        String query = controlsOn ? request.getHttpURI().getQuery() : null;
        boolean inQuery = ControlPlan.inQuery(query);
        if (duet != 0 || inQuery) {
            RunTag tag = RunTag.NONE;
            try {
                if ((duet & DuetHeaders.COUNTING) != 0) {
                    tag = RunTag.parse(request.getHeaders());
                }
                if (controlsOn && (inHeaders || inQuery)) {
                    controls = ControlPlan.ofRequest(request.getHeaders(), inHeaders, query, limits)
                            .draw(defaults.draws());
                }
            } catch (IllegalArgumentException e) {
                Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
                return true;
            }
            if (tag.tally() != null) {
                answerWithTally(request, response, callback, tag.tally());
                return true;
            }
            if (tag.run() != null) {
                int count = seen.see(tag.run(), tag.seq());
                // no HttpHeader: Jetty has none for it, and naming none skips a look-up of the name
                response.getHeaders()
                        .add(new HttpField(
                                null, RunHeaders.SEEN, RunHeaders.seen(tag.run(), tag.seq(), count, serverName)));
            }
        }
        if (controls == ResponseControls.NONE) {
            controls = defaults.draw(); // the instance's, for a request that brought none
        }
        if (controls != ResponseControls.NONE) {
            for (ControlPlan.Control control : controls.applied()) {
                applied.applied(control.ordinal());
            }
        }
        Answer answer = new Answer(request, response, callback, controls);
        if (wantsJson(request)) {
            RequestBody.keep(
                    request,
                    maxBodyBytes,
                    sample(),
                    new Reply(request, response, callback, body -> answerWithJson(answer, body)));
            return true;
        }
        String target = RequestTarget.of(request.getHttpURI());
        if (target.indexOf(UNDECODABLE) >= 0) {
            // Jetty replaced bytes that are not UTF-8: echoing the replacement would alter the target.
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, "request target is not UTF-8");
            return true;
        }
        byte[] echo = target.getBytes(StandardCharsets.UTF_8);
        // The body is read (and dropped) before the answer, so the client can finish sending it and
        // keep the connection, as nginx does; answering at the headers and then closing broke the
        // pipe under every uploading client. Most requests have none: their first read is the end.
        // One that declares a body goes straight to RequestBody, which refuses one declared too
        // large before any read (a read would send 100 Continue for a body it then refuses).
        Content.Chunk first = request.getLength() > 0 ? null : request.read();
        if (first != null && first.isLast() && !first.hasRemaining() && !Content.Chunk.isFailure(first)) {
            first.release();
            answer.send(TEXT_TYPE, echo);
        } else {
            RequestBody.discard(
                    request,
                    first,
                    maxBodyBytes,
                    sample(),
                    new Reply(request, response, callback, body -> answer.send(TEXT_TYPE, echo)));
        }
        return true;
    }

    /** What --log-body keeps of the body being read, or null when it keeps nothing. */
    private BodySample sample() {
        return logBodyBytes > 0 ? new BodySample(logBodyBytes) : null;
    }

    /** From now on every answer says the server is draining ({@link RunHeaders#DRAINING}). */
    void drain() {
        draining = true;
    }

    /** The tally of a run, as JSON: after the body, which is read and dropped, so the connection stays. */
    private void answerWithTally(Request request, Response response, Callback callback, String run) {
        RequestBody.discard(request, null, maxBodyBytes, sample(), new Reply(request, response, callback, body -> {
            byte[] json;
            try {
                json = Json.MAPPER.writeValueAsBytes(seen.tally(run, identity.name()));
            } catch (Exception e) {
                callback.failed(e);
                return;
            }
            write(request, response, callback, JSON_TYPE, json);
        }));
    }

    private void answerWithJson(Answer answer, byte[] body) {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(describe(answer.request, body));
        } catch (Exception e) {
            answer.callback.failed(e);
            return;
        }
        answer.send(JSON_TYPE, json);
    }

    /**
     * The answer to one request once its body is in: the echo with status 200, or what its
     * controls ask for instead, now or after their delay. A delay waits on Jetty's scheduler, so
     * no thread is held.
     */
    private record Answer(Request request, Response response, Callback callback, ResponseControls controls) {
        void send(HttpField contentType, byte[] echo) {
            if (controls == ResponseControls.NONE) {
                write(request, response, callback, contentType, echo);
            } else if (controls.delay().isZero()) {
                controlled(contentType, echo);
            } else {
                request.getComponents()
                        .getScheduler()
                        .schedule(
                                () -> controlled(contentType, echo),
                                controls.delay().toMillis(),
                                TimeUnit.MILLISECONDS);
            }
        }

        private void controlled(HttpField contentType, byte[] echo) {
            switch (controls.fault()) {
                case HANG -> {
                    Hang.start(request, callback);
                    return;
                }
                case CLOSE -> {
                    ConnectionFault.close(request);
                    callback.failed(new QuietException.Exception("closed without an answer, as X-Duet-Fault asked"));
                    return;
                }
                case RESET -> {
                    ConnectionFault.reset(request);
                    callback.failed(new QuietException.Exception("reset, as X-Duet-Fault asked"));
                    return;
                }
                case NONE, CUT -> {
                    // an answer, shaped below
                }
            }
            response.setStatus(controls.status());
            boolean events = controls.stream() != null && StreamedBody.wantsEvents(request);
            // a sized body is the echo repeated and cut to length: text, whatever the echo was
            response.getHeaders()
                    .put(controls.size() >= 0 ? TEXT_TYPE : events ? StreamedBody.EVENT_STREAM : contentType);
            if (events) {
                response.getHeaders().put(StreamedBody.NO_CACHE);
            }
            timed(request, response, controls.delay().toNanos());
            for (HttpField header : controls.headers()) {
                response.getHeaders().put(header);
            }
            if (controls.padding() > 0) {
                response.getHeaders().put(ResponseControls.PADDING, "x".repeat(controls.padding()));
                if (request.getHeaders().contains(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString())) {
                    // Jetty 12.1.12 forgets a request's Connection: close when an answer's head
                    // outgrows its first buffer, and kept the connection open: said again here
                    response.getHeaders().put(HttpFields.CONNECTION_CLOSE);
                }
            }
            boolean cut = controls.fault() == ResponseControls.Fault.CUT;
            if (controls.status() == HttpStatus.NO_CONTENT_204 || controls.status() == HttpStatus.NOT_MODIFIED_304) {
                response.getHeaders().remove(HttpHeader.CONTENT_TYPE);
                if (controls.status() == HttpStatus.NOT_MODIFIED_304) {
                    // RFC 9110: a 304's length, if given, is that of the answer it stands for
                    response.getHeaders()
                            .put(HttpHeader.CONTENT_LENGTH, controls.size() >= 0 ? controls.size() : echo.length);
                }
                response.write(true, null, callback); // these statuses never carry a body
            } else if (controls.stream() != null && !cut) {
                new StreamedBody(request, response, echo, controls.stream(), events, callback).start();
            } else if (controls.size() >= 0 || cut || !controls.trickle().isZero()) {
                long size = controls.size() >= 0 ? controls.size() : echo.length;
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, size);
                SizedBody.Shape shape = new SizedBody.Shape(
                        controls.trickle(), cut, request.getComponents().getScheduler());
                SizedBody.write(response, echo, size, shape, cut ? closeWhenWritten() : callback);
            } else {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, echo.length);
                response.write(true, ByteBuffer.wrap(echo), callback);
            }
        }

        /** X-Duet-Fault: cut: once the half of the body is out, the connection ends mid-answer. */
        private Callback closeWhenWritten() {
            return Callback.from(
                    () -> {
                        ConnectionFault.close(request);
                        callback.failed(new QuietException.Exception("cut short mid-body, as X-Duet-Fault asked"));
                    },
                    callback::failed);
        }
    }

    private void tooLarge(Request request, Response response, Callback callback) {
        Response.writeError(
                request,
                response,
                callback,
                HttpStatus.PAYLOAD_TOO_LARGE_413,
                "body larger than " + maxBodyBytes + " bytes");
    }

    /** The answer once the body is in: the echo, or what went wrong reading it. */
    private final class Reply implements RequestBody.Outcome {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final Consumer<byte[]> answer;

        Reply(Request request, Response response, Callback callback, Consumer<byte[]> answer) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.answer = answer;
        }

        @Override
        public void read(byte[] body) {
            answer.accept(body);
        }

        @Override
        public void tooLarge() {
            EchoHandler.this.tooLarge(request, response, callback);
        }

        @Override
        public void failed(Throwable cause) {
            if (cause instanceof TimeoutException) {
                // the body stalled past the idle timeout: say so, and Jetty closes the connection
                Response.writeError(
                        request, response, callback, HttpStatus.REQUEST_TIMEOUT_408, "the body did not arrive in time");
            } else if (!(cause instanceof EofException) && decodedFrom(request) != null) {
                Response.writeError(
                        request,
                        response,
                        callback,
                        HttpStatus.BAD_REQUEST_400,
                        "the body is not valid " + decodedFrom(request) + " (Content-Encoding)");
            } else {
                callback.failed(cause); // the client went away: nobody to answer
            }
        }
    }

    /** Jackson is loaded with the first JSON request, not at start-up: a few hundred classes. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /**
     * The coding a request's body is being decoded from (the last of its Content-Encoding), or null
     * when it is read as it came.
     */
    private static String decodedFrom(Request request) {
        if (Request.as(request, DecompressionRequest.class) == null) {
            return null;
        }
        String codings = headersAsSent(request).get(HttpHeader.CONTENT_ENCODING);
        return codings == null
                ? null
                : codings.substring(codings.lastIndexOf(',') + 1).trim();
    }

    /** The request's headers as they came: decoding a body renames Content-Encoding and -Length. */
    private static HttpFields headersAsSent(Request request) {
        DecompressionRequest decoding = Request.as(request, DecompressionRequest.class);
        return decoding == null ? request.getHeaders() : decoding.getWrapped().getHeaders();
    }

    private EchoDocument describe(Request request, byte[] body) {
        HttpFields sent = headersAsSent(request);
        String decodedFrom = decodedFrom(request);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        List<List<String>> raw = new ArrayList<>();
        String authority = request.getHttpURI().getAuthority();
        if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2 && authority != null) {
            // HTTP/2 carries the host in a pseudo-header that Jetty keeps out of the fields
            headers.put(":authority", List.of(authority));
            raw.add(List.of(":authority", authority));
        }
        Set<String> caseUnknown = new LinkedHashSet<>();
        boolean http1 = request.getConnectionMetaData().getHttpVersion() != HttpVersion.HTTP_2;
        for (HttpField field : sent) {
            headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
            raw.add(List.of(field.getName(), field.getValue()));
            if (http1
                    && field.getHeader() != null
                    && field.getName().equals(field.getHeader().asString())) {
                caseUnknown.add(field.getName()); // spelt as Jetty spells it: maybe not as sent
            }
        }
        String text = utf8OrNull(body);
        return new EchoDocument(
                request.getMethod(),
                RequestTarget.of(request.getHttpURI()),
                request.getHttpURI().getPath(),
                QueryParameters.parse(request.getHttpURI().getQuery()),
                headers,
                raw,
                List.copyOf(caseUnknown),
                text != null ? text : Base64.getEncoder().encodeToString(body),
                text != null ? "utf-8" : "base64",
                body.length,
                Digests.sha256(body),
                decodedFrom,
                decodedFrom == null ? null : Request.getContentBytesRead(request),
                request.getConnectionMetaData().getProtocol(),
                RequestTls.of(request),
                new EchoDocument.Peer(Request.getRemoteAddr(request), Request.getRemotePort(request)),
                new EchoDocument.Answerer(
                        identity.name(),
                        identity.hostname(),
                        identity.addresses(),
                        Request.getLocalAddr(request),
                        Request.getLocalPort(request)),
                BearerToken.decode(sent, Json.MAPPER, Instant.now()));
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * True when an Accept media range names application/json (case ignored) at a quality above
     * zero: {@code q=0} means "not this" (RFC 9110, 12.4.2).
     */
    static boolean wantsJson(Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            int semicolon = range.indexOf(';');
            String type = (semicolon < 0 ? range : range.substring(0, semicolon)).trim();
            if (type.equalsIgnoreCase(JSON) && (semicolon < 0 || !qualityZero(range.substring(semicolon + 1)))) {
                return true;
            }
        }
        return false;
    }

    /** True when the parameters of a media range hold {@code q=0} (or 0.0, 0.00, 0.000). */
    private static boolean qualityZero(String parameters) {
        for (String parameter : parameters.split(";")) {
            String p = parameter.trim();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                return p.substring(2).matches("0(\\.0{0,3})?");
            }
        }
        return false;
    }

    private static void write(
            Request request, Response response, Callback callback, HttpField contentType, byte[] body) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        timed(request, response, 0);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * {@code Server-Timing}: the server's time on the request so far, from its first byte (as
     * Jetty's parser saw it arrive) to this answer, and the delay it asked for as its own metric.
     */
    private static void timed(Request request, Response response, long delayNanos) {
        // no HttpHeader: Jetty has none for it, and naming none skips a look-up of the name
        response.getHeaders()
                .add(new HttpField(
                        null,
                        ServerTiming.HEADER,
                        ServerTiming.format(NanoTime.since(request.getBeginNanoTime()), delayNanos)));
    }
}
