package dev.duet.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.server.ServerIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every request, whatever its method or target, with the request target as text, or with
 * a JSON description of the request when the client asks for {@code application/json}.
 *
 * <p>It is the one handler of a bare Jetty server rather than a Javalin route because
 * routes dispatch on known methods and normalised paths, and the echo must answer every method and
 * every target exactly as sent. It never blocks, so Jetty may run it on the I/O thread.
 */
final class EchoHandler extends Handler.Wrapper {
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";
    private static final char UNDECODABLE = '\uFFFD';
    /** Every method is echoed but CONNECT; a 405 must list some, so these are the common ones. */
    private static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE";

    private final ServerIdentity identity;
    private final int maxBodyBytes;

    EchoHandler(ServerIdentity identity, int maxBodyBytes) {
        this.identity = identity;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.VARY, "Accept");
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
        if (request.getLength() > maxBodyBytes) {
            tooLarge(request, response, callback);
            return true;
        }
        if (wantsJson(request)) {
            RequestBody.keep(
                    request,
                    maxBodyBytes,
                    new Reply(request, response, callback, body -> answerWithJson(request, response, callback, body)));
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
        Content.Chunk first = request.read();
        if (first != null && first.isLast() && !first.hasRemaining() && !Content.Chunk.isFailure(first)) {
            first.release();
            write(response, callback, TEXT, echo);
        } else {
            RequestBody.discard(
                    request,
                    first,
                    maxBodyBytes,
                    new Reply(request, response, callback, body -> write(response, callback, TEXT, echo)));
        }
        return true;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    private void answerWithJson(Request request, Response response, Callback callback, byte[] body) {
        try {
            write(response, callback, JSON, Json.MAPPER.writeValueAsBytes(describe(request, body)));
        } catch (Exception e) {
            callback.failed(e);
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
            } else {
                callback.failed(cause); // the client went away: nobody to answer
            }
        }
    }

    /** Jackson is loaded with the first JSON request, not at start-up: a few hundred classes. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private EchoDocument describe(Request request, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        String text = utf8OrNull(body);
        return new EchoDocument(
                request.getMethod(),
                RequestTarget.of(request.getHttpURI()),
                request.getHttpURI().getPath(),
                QueryParameters.parse(request.getHttpURI().getQuery()),
                headers,
                text != null ? text : Base64.getEncoder().encodeToString(body),
                text != null ? "utf-8" : "base64",
                new EchoDocument.Peer(Request.getRemoteAddr(request), Request.getRemotePort(request)),
                new EchoDocument.Answerer(
                        identity.name(),
                        identity.hostname(),
                        identity.addresses(),
                        Request.getLocalAddr(request),
                        Request.getLocalPort(request)));
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

    /** True when an Accept media range names application/json (parameters and case ignored). */
    static boolean wantsJson(Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            int semicolon = range.indexOf(';');
            String type = (semicolon < 0 ? range : range.substring(0, semicolon)).trim();
            if (type.toLowerCase(Locale.ROOT).equals(JSON)) {
                return true;
            }
        }
        return false;
    }

    private static void write(Response response, Callback callback, String contentType, byte[] body) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
