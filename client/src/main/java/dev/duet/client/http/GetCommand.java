package dev.duet.client.http;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.client.count.RunCounts;
import dev.duet.common.IntervalTicker;
import dev.duet.common.LogText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import okio.BufferedSource;

/**
 * {@code duet-client get URL}: prints {@code statusCode: 200} and the body, as the article's client
 * does, once or on an interval. The body goes to stdout as it arrives, in constant memory whatever
 * its size, as curl's does. A run of several requests keeps going after a failure, like the
 * article's {@code setInterval}, printing each; it ends with the last failure, if there was one.
 */
public final class GetCommand {
    /** --json holds the body in memory to quote it: this much of it, and says so when it cut. */
    static final int JSON_BODY_LIMIT = 1 << 20;

    private static final int CHUNK = 16 * 1024;

    private final GetConfig config;
    private final PrintStream out;
    private final PrintStream err;

    public GetCommand(GetConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    public void run() throws InterruptedException, IOException, Failure {
        HttpCall get = new HttpCall(config, err);
        JsonReport json = config.json() ? new JsonReport(out) : null;
        Optional<Failure> last = Optional.empty();
        IntervalTicker ticker = new IntervalTicker(config.interval());
        for (int i = 0; config.count().isEmpty() || i < config.count().get(); i++) {
            ticker.awaitTick();
            try {
                int status = json != null ? onceAsJson(get, json) : once(get);
                if (status >= 400) {
                    throw new Failure(Failure.Kind.HTTP_ERROR, ShownUrl.address(config.url()) + " answered " + status);
                }
            } catch (Failure failure) {
                err.println(failure.line());
                if (json != null && failure.kind() != Failure.Kind.HTTP_ERROR) {
                    json.failure(config.url(), failure);
                }
                last = Optional.of(failure.alreadyShown());
            }
        }
        report(get, json);
        if (last.isPresent()) {
            throw last.get();
        }
    }

    /**
     * The run counted at both ends: with --json a last line with the run's counts; else, when the
     * path did anything but carry each request to the server and back, a line on stderr. One
     * plain request that went well asks the server nothing more.
     */
    private void report(HttpCall get, JsonReport json) throws Failure, IOException {
        int sent = config.count().orElse(Integer.MAX_VALUE);
        RunCounts counts = get.counts(json != null || sent > 1);
        if (counts == null) {
            return;
        }
        if (json != null) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("run", get.runId());
            line.putAll(json.fields(counts));
            json.object(line);
        } else if (counts.anythingHappened()) {
            err.println(ClientOptions.PROGRAM + ": " + counts.line());
        }
    }

    /**
     * The article's output: the status line, with -i the headers and a blank line, then the body as
     * it streams in, ending in a newline.
     */
    private int once(HttpCall get) throws InterruptedException, Failure {
        int[] status = new int[1];
        get.fetch((answer, body) -> {
            status[0] = answer.status();
            out.println("statusCode: " + answer.status());
            if (config.include()) {
                Headers headers = answer.headers();
                for (int i = 0; i < headers.size(); i++) {
                    // the server's text: escaped, so a header cannot drive the terminal
                    out.println(LogText.escape(headers.name(i) + ": " + headers.value(i), 8192));
                }
                out.println();
            }
            if (config.output().isPresent()) {
                save(body, config.output().get());
                out.flush();
                return;
            }
            byte[] chunk = new byte[CHUNK];
            int last = '\n';
            for (int n; (n = body.read(chunk)) >= 0; ) {
                if (n > 0) {
                    out.write(chunk, 0, n);
                    last = chunk[n - 1];
                }
            }
            if (last != '\n') {
                out.println();
            }
            out.flush();
        });
        return status[0];
    }

    /**
     * -o: the body into {@code file} as it arrives, byte for byte, replacing what was there. The
     * network's errors are IOExceptions; the file's are a Failure of their own (curl's 23).
     *
     * @return the body's length
     */
    private static long save(BufferedSource body, Path file) throws IOException, Failure {
        OutputStream to;
        try {
            to = Files.newOutputStream(file);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
        long length = 0;
        try {
            byte[] chunk = new byte[CHUNK];
            for (int n; (n = body.read(chunk)) >= 0; ) {
                write(to, chunk, n, file);
                length += n;
            }
        } finally {
            try {
                to.close();
            } catch (IOException e) {
                throw cannotWrite(file, e);
            }
        }
        return length;
    }

    private static void write(OutputStream to, byte[] chunk, int n, Path file) throws Failure {
        try {
            to.write(chunk, 0, n);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    private static Failure cannotWrite(Path file, IOException e) {
        String why = e instanceof NoSuchFileException
                ? "no such directory: " + file.toAbsolutePath().getParent()
                : e instanceof AccessDeniedException
                        ? "permission denied"
                        : e instanceof FileSystemException fs && fs.getReason() != null
                                ? fs.getReason()
                                : String.valueOf(e.getMessage());
        return new Failure(Failure.Kind.OUTPUT_FILE, "-o " + file + ": cannot write: " + why);
    }

    /** One JSON line for the answer; the body is quoted up to {@link #JSON_BODY_LIMIT}, the rest counted. */
    private int onceAsJson(HttpCall get, JsonReport json) throws InterruptedException, Failure, IOException {
        int[] status = new int[1];
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long[] length = new long[1];
        HttpCall.Answer[] answered = new HttpCall.Answer[1];
        PhaseTimer.Timings timings = get.fetch((answer, body) -> {
            answered[0] = answer;
            status[0] = answer.status();
            length[0] = config.output().isPresent() ? save(body, config.output().get()) : keepTheStart(body, kept);
        });
        json.answer(
                config.url(),
                answered[0],
                config.output().isPresent() ? null : kept.toString(StandardCharsets.UTF_8),
                length[0],
                config.output().isEmpty() && length[0] > kept.size(),
                timings);
        return status[0];
    }

    /** Reads the whole body, keeping its first {@link #JSON_BODY_LIMIT} bytes; returns its length. */
    private static long keepTheStart(BufferedSource body, ByteArrayOutputStream kept) throws IOException {
        byte[] chunk = new byte[CHUNK];
        long length = 0;
        for (int n; (n = body.read(chunk)) >= 0; ) {
            kept.write(chunk, 0, (int) Math.max(0, Math.min(n, JSON_BODY_LIMIT - length)));
            length += n;
        }
        return length;
    }
}
