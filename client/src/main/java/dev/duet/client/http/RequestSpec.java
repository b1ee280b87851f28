package dev.duet.client.http;

import static dev.duet.client.ClientOptions.DATA;
import static dev.duet.client.ClientOptions.HEADER;
import static dev.duet.client.ClientOptions.METHOD;

import dev.duet.client.Failure;
import dev.duet.common.Arguments;
import dev.duet.common.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * What a request carries beyond its URL, as curl's -X, -H and -d say: the method (GET, or POST
 * when there is a body), added headers, and a body given inline or read from {@code @FILE}. A file
 * is sent as it is read, never held whole.
 *
 * @param data the body: text as given, or {@code @FILE}
 */
public record RequestSpec(Optional<String> explicitMethod, List<RequestHeader> headers, Optional<String> data) {
    public static final RequestSpec GET = new RequestSpec(Optional.empty(), List.of(), Optional.empty());

    /** curl's type for -d, unless a -H Content-Type says otherwise. */
    private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

    public static RequestSpec from(Arguments a) throws Failure {
        RequestSpec spec = new RequestSpec(a.get(METHOD), a.get(HEADER), a.get(DATA));
        if (spec.data.isPresent() && !permitsBody(spec.method())) {
            throw new UsageException("-X " + spec.method() + " cannot carry a body (--data)");
        }
        Optional<Path> file = spec.file();
        if (file.isPresent() && !Files.isReadable(file.get())) {
            throw new Failure(
                    Failure.Kind.DATA_FILE,
                    "-d @" + file.get() + ": " + (Files.exists(file.get()) ? "cannot be read" : "no such file"));
        }
        return spec;
    }

    /** The same request with {@code header} in place of any -H of that name. */
    public RequestSpec withHeader(RequestHeader header) {
        List<RequestHeader> kept = new ArrayList<>();
        for (RequestHeader given : headers) {
            if (!given.name().equalsIgnoreCase(header.name())) {
                kept.add(given);
            }
        }
        kept.add(header);
        return new RequestSpec(explicitMethod, List.copyOf(kept), data);
    }

    /** The method sent: -X as given, else POST with a body and GET without, as curl does. */
    public String method() {
        return explicitMethod.orElse(data.isPresent() ? "POST" : "GET");
    }

    /** OkHttp's rules: GET and HEAD never carry a body... */
    private static boolean permitsBody(String method) {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    /** ...and these always do, if only an empty one. */
    private static boolean requiresBody(String method) {
        return List.of("POST", "PUT", "PATCH", "PROPPATCH", "REPORT", "QUERY").contains(method);
    }

    private Optional<Path> file() {
        return data.filter(d -> d.startsWith("@")).map(d -> Path.of(d.substring(1)));
    }

    /**
     * The body's bytes, read whole: for a load, which sends the same body again and again.
     *
     * @return empty when the request has no body
     */
    public Optional<byte[]> bodyBytes() throws IOException {
        if (file().isPresent()) {
            return Optional.of(Files.readAllBytes(file().get()));
        }
        if (data.isPresent()) {
            return Optional.of(data.get().getBytes(StandardCharsets.UTF_8));
        }
        return requiresBody(method()) ? Optional.of(new byte[0]) : Optional.empty();
    }

    /** The Content-Type the body is sent with when no -H gives one, as curl does. */
    public Optional<String> defaultContentType() {
        boolean typed = headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Content-Type"));
        return typed || data.isEmpty() ? Optional.empty() : Optional.of(FORM.toString());
    }

    /**
     * A request to {@code url} with the -H headers a path may need to carry it (credentials, a
     * Host an ingress routes by), but none about a body and no X-Duet- ones: for asking the
     * server about a run, not for the run itself.
     */
    public Request.Builder headersForThePath(HttpUrl url) {
        Request.Builder request = new Request.Builder().url(url);
        for (RequestHeader header : headers) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (!name.startsWith("content-") && !name.startsWith("x-duet-")) {
                request.addHeader(header.name(), header.value());
            }
        }
        return request;
    }

    /** The request for {@code url}: its method, headers and body. */
    public Request.Builder request(HttpUrl url) {
        Request.Builder request = new Request.Builder().url(url);
        boolean typed = false;
        for (RequestHeader header : headers) {
            request.addHeader(header.name(), header.value());
            typed |= header.name().equalsIgnoreCase("Content-Type");
        }
        MediaType type = typed ? null : FORM; // null: the -H Content-Type stands
        RequestBody body = null;
        if (file().isPresent()) {
            body = RequestBody.create(file().get().toFile(), type);
        } else if (data.isPresent()) {
            body = RequestBody.create(data.get().getBytes(StandardCharsets.UTF_8), type);
        } else if (requiresBody(method())) {
            body = RequestBody.create(new byte[0], null); // -X POST alone: an empty body, as curl sends
        }
        return request.method(method(), body);
    }
}
