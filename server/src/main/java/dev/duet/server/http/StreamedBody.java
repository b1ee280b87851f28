package dev.duet.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An answer sent in chunks over time ({@code X-Duet-Stream: 10x200ms}), to show whether something
 * between client and server holds them back: each chunk is the echo and a newline, written and
 * flushed on its own (HTTP/1.1 chunked encoding, HTTP/2 DATA frames); to a client that accepts
 * {@code text/event-stream}, each is a Server-Sent Event with an id, 1 to N. Between chunks the
 * stream waits on Jetty's scheduler, so no thread is held; a client that leaves ends it at the next
 * write.
 *
 * <p>A stream is never compressed: a compressor holds bytes back until it has enough, which is the
 * very buffering a stream is there to reveal.
 */
final class StreamedBody implements Callback {
    static final PreEncodedHttpField EVENT_STREAM =
            new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    static final PreEncodedHttpField NO_CACHE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-cache");

    private final Request request;
    private final Response response;
    private final byte[] echo;
    private final ResponseControls.Stream stream;
    private final boolean events;
    private final Callback done;
    private int sent;

    /** The chunks of {@code echo}, as events when {@code events}; {@link #start} sends the first. */
    StreamedBody(
            Request request,
            Response response,
            byte[] echo,
            ResponseControls.Stream stream,
            boolean events,
            Callback done) {
        this.request = request;
        // past any compression wrapper: see the class comment
        this.response = Response.getOriginalResponse(response);
        this.echo = echo;
        this.stream = stream;
        this.events = events;
        this.done = done;
    }

    /** True when the client accepts Server-Sent Events. */
    static boolean wantsEvents(Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
    }

    /** Writes the first chunk now, and each of the others when it is due; the headers are set (no length). */
    void start() {
        next();
    }

    private void next() {
        sent++;
        response.write(sent == stream.chunks(), ByteBuffer.wrap(chunk(sent)), this);
    }

    private byte[] chunk(int number) {
        if (!events) {
            byte[] line = new byte[echo.length + 1];
            System.arraycopy(echo, 0, line, 0, echo.length);
            line[echo.length] = '\n';
            return line;
        }
        // an event's data may not hold a line break: each line of the echo is a data line of its own
        StringBuilder event = new StringBuilder(echo.length + 32)
                .append("id: ")
                .append(number)
                .append('\n');
        for (String line : new String(echo, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1)) {
            event.append("data: ").append(line).append('\n');
        }
        return event.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void succeeded() {
        if (sent == stream.chunks()) {
            done.succeeded();
        } else {
            request.getComponents()
                    .getScheduler()
                    .schedule(this::next, stream.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void failed(Throwable cause) {
        done.failed(cause);
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
