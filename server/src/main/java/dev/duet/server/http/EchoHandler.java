package dev.duet.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
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
 * <p>It sits at the front of Javalin's Jetty handler chain rather than in a Javalin route because
 * routes dispatch on known methods and normalised paths, and the echo must answer every method and
 * every target exactly as sent. It never blocks, so Jetty may run it on the I/O thread.
 */
final class EchoHandler extends Handler.Wrapper {
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";
    private static final char UNDECODABLE = '\uFFFD';

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
        if (request.getLength() > maxBodyBytes) {
            Response.writeError(
                    request,
                    response,
                    callback,
                    HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "body larger than " + maxBodyBytes + " bytes");
            return true;
        }
        if (wantsJson(request)) {
            answerWithJson(request, response, callback);
            return true;
        }
        String target = RequestTarget.of(request.getHttpURI());
        if (target.indexOf(UNDECODABLE) >= 0) {
            // Jetty replaced bytes that are not UTF-8: echoing the replacement would alter the target.
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, "request target is not UTF-8");
            return true;
        }
        write(response, callback, TEXT, target.getBytes(StandardCharsets.UTF_8));
        return true;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    private void answerWithJson(Request request, Response response, Callback callback) {
        Content.Source.asByteArrayAsync(request, maxBodyBytes).whenComplete((body, failure) -> {
            if (failure == null) {
                try {
                    write(response, callback, JSON, Json.MAPPER.writeValueAsBytes(describe(request, body)));
                } catch (Exception e) {
                    callback.failed(e);
                }
            } else if (unwrap(failure) instanceof IllegalStateException) {
                // what Jetty's reader throws when a chunked body outgrows the limit
                Response.writeError(
                        request,
                        response,
                        callback,
                        HttpStatus.PAYLOAD_TOO_LARGE_413,
                        "body larger than " + maxBodyBytes + " bytes");
            } else if (unwrap(failure) instanceof TimeoutException) {
                // the body stalled past the idle timeout: say so, and Jetty closes the connection
                Response.writeError(
                        request, response, callback, HttpStatus.REQUEST_TIMEOUT_408, "the body did not arrive in time");
            } else {
                // the client went away: nobody to answer
                callback.failed(unwrap(failure));
            }
        });
    }

    /** Jackson is loaded with the first JSON request, not at start-up: a few hundred classes. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
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
