package dev.duet.client.fork;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.common.LogText;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A two-way message channel between processes, as Node's {@code process.send} and
 * {@code child.on("message")}: JSON values, one per line, over a pair of streams (a child's
 * stdin and stdout). A reader thread hands each message to the {@link Listener}; a malformed or
 * oversized line is reported and skipped, never fatal.
 */
public final class MessageChannel implements AutoCloseable {
    /** Lines longer than this are skipped: one runaway peer must not exhaust memory. */
    public static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final Thread reader;

    /** What a channel tells its owner. Called on the channel's reader thread. */
    public interface Listener {
        void onMessage(JsonNode message);

        /** A line that is not one JSON value, or is too long; {@code line} is cut and escaped for display. */
        default void onMalformed(String line, String problem) {}

        /** The other side closed its end, or went away. */
        default void onClosed() {}
    }

    private MessageChannel(InputStream in, OutputStream out, Listener listener, String name) {
        this.out = out;
        this.reader = new Thread(() -> readLoop(new BufferedInputStream(in), listener), name);
        this.reader.setDaemon(true);
    }

    /** Starts reading {@code in} at once; messages are written to {@code out}. */
    public static MessageChannel open(InputStream in, OutputStream out, Listener listener) {
        MessageChannel channel = new MessageChannel(in, out, listener, "duet-message-reader");
        channel.reader.start();
        return channel;
    }

    /** Sends one JSON value: a string, a number, a map, a record... */
    public synchronized void send(Object message) throws IOException {
        byte[] line = JSON.writeValueAsBytes(message);
        out.write(line);
        out.write('\n');
        out.flush();
    }

    /** Closes our sending side: the other process reads the end of its input. */
    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** How a message reads in a log line: a string as its text, anything else as JSON. */
    public static String display(JsonNode message) {
        return LogText.escape(message.isTextual() ? message.asText() : message.toString(), 1000);
    }

    private static void readLoop(InputStream in, Listener listener) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean oversized = false;
        try {
            for (int b; (b = in.read()) >= 0; ) {
                if (b != '\n') {
                    if (line.size() < MAX_MESSAGE_BYTES) {
                        line.write(b);
                    } else {
                        oversized = true;
                    }
                    continue;
                }
                deliver(line.toString(StandardCharsets.UTF_8), oversized, listener);
                line.reset();
                oversized = false;
            }
            if (line.size() > 0) {
                deliver(line.toString(StandardCharsets.UTF_8), oversized, listener);
            }
        } catch (IOException e) {
            // the other side went away mid-line: treated as closed
        }
        listener.onClosed();
    }

    private static void deliver(String line, boolean oversized, Listener listener) {
        if (oversized) {
            listener.onMalformed(LogText.escape(line, 80), "message larger than " + MAX_MESSAGE_BYTES + " bytes");
            return;
        }
        if (line.isBlank()) {
            return;
        }
        try {
            listener.onMessage(JSON.readTree(line));
        } catch (JsonProcessingException e) {
            listener.onMalformed(LogText.escape(line, 80), "not a JSON value");
        }
    }
}
