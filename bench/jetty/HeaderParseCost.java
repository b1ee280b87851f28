import dev.duet.common.RunHeaders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.HttpGenerator.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.util.BufferUtil;

/**
 * What Jetty's HTTP/1.1 parser and generator (those of the echo port) spend on an exchange's heads
 * with and without counting at both ends: the request's X-Duet-Run and X-Duet-Seq, and the
 * answer's X-Duet-Seen (made as the server makes it). In one run, on one thread: no network, no
 * handler, no client. Jetty reads a header it does not know one character at a time, so this is
 * the floor of what counting costs the server, whatever the server's own code does.
 *
 * <p>Run: {@code java -cp server/target/duet-server.jar bench/jetty/HeaderParseCost.java [ROUNDS]}
 */
public final class HeaderParseCost {
    private static final String PLAIN = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: duet-client\r\n";
    private static final String[][] HEADS = {
        {"plain (bench --run-id off)", PLAIN + "\r\n"},
        {"counted (X-Duet-Run, X-Duet-Seq)", PLAIN + "X-Duet-Run: 4f9c2e7a01b3d5e8\r\nX-Duet-Seq: 12345\r\n\r\n"},
        {"the same in one header", PLAIN + "X-Duet-Seq: 4f9c2e7a01b3d5e8.12345\r\n\r\n"},
    };
    private static final int TIMES = 1_000_000;
    // the fields of every echo answer, as EchoHandler puts them (Jetty adds Date)
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, "Accept, Accept-Encoding");
    private static final HttpField TEXT = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    private static final HttpField DATE = new PreEncodedHttpField(HttpHeader.DATE, "Fri, 04 Dec 2026 21:03:19 GMT");

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        HttpParser parser = new HttpParser(new Heads());
        double[][] parses = new double[HEADS.length][rounds];
        double[][] answers = new double[2][rounds];
        for (int r = -5; r < rounds; r++) { // 5 rounds for the JIT; then interleaved, so drift touches each alike
            for (int h = 0; h < HEADS.length; h++) {
                double ns = parse(parser, HEADS[h][1]);
                parses[h][Math.max(r, 0)] = ns;
            }
            for (int counted = 0; counted < 2; counted++) {
                answers[counted][Math.max(r, 0)] = generate(counted == 1);
            }
        }
        System.out.printf("Jetty's HttpParser and HttpGenerator, %,d heads a round, median of %d rounds%n", TIMES, rounds);
        System.out.println("| head | bytes | ns a head | ratio to plain |");
        System.out.println("|---|---|---|---|");
        for (int h = 0; h < HEADS.length; h++) {
            row("request, " + HEADS[h][0], HEADS[h][1].length(), parses[h], parses[0]);
        }
        row("answer, plain", answerBytes(false), answers[0], answers[0]);
        row("answer, counted (X-Duet-Seen)", answerBytes(true), answers[1], answers[0]);
        double plain = median(parses[0]) + median(answers[0]);
        double counted = median(parses[1]) + median(answers[1]);
        System.out.printf("counting adds %.0f ns to Jetty's work on the two heads (%.0f ns plain)%n", counted - plain, plain);
    }

    private static void row(String what, int bytes, double[] nanos, double[] plain) {
        double ns = median(nanos);
        System.out.printf("| %s | %d | %.0f | %.2f |%n", what, bytes, ns, ns / median(plain));
    }

    /** Nanoseconds a parse of {@code head}, averaged over {@link #TIMES}. */
    private static double parse(HttpParser parser, String head) {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length); // as the connector's are
        long start = System.nanoTime();
        for (int i = 0; i < TIMES; i++) {
            buffer.clear().put(bytes).flip();
            parser.parseNext(buffer);
            parser.reset();
        }
        return (double) (System.nanoTime() - start) / TIMES;
    }

    /** Nanoseconds to make an echo answer's fields and generate its head, averaged over {@link #TIMES}. */
    private static double generate(boolean counted) throws IOException {
        HttpGenerator generator = new HttpGenerator();
        ByteBuffer head = ByteBuffer.allocateDirect(1024);
        long start = System.nanoTime();
        for (int i = 0; i < TIMES; i++) {
            BufferUtil.clear(head); // empty, in Jetty's flush mode
            if (generator.generateResponse(answer(counted, i + 1), false, head, null, null, true) != Result.FLUSH) {
                throw new IllegalStateException("Jetty did not generate the answer's head");
            }
            generator.reset();
        }
        return (double) (System.nanoTime() - start) / TIMES;
    }

    private static MetaData.Response answer(boolean counted, int seq) {
        HttpFields.Mutable fields = HttpFields.build();
        fields.put(DATE).put(NOSNIFF).put(VARY);
        if (counted) {
            fields.add(new HttpField(null, RunHeaders.SEEN, RunHeaders.seen("4f9c2e7a01b3d5e8", seq, 1, "web-1")));
        }
        fields.put(TEXT).put(HttpHeader.CONTENT_LENGTH, 7).add(new HttpField(null, "Server-Timing", "duet;dur=0.012"));
        return new MetaData.Response(200, null, HttpVersion.HTTP_1_1, fields, 7);
    }

    private static int answerBytes(boolean counted) throws IOException {
        ByteBuffer head = BufferUtil.allocate(1024);
        new HttpGenerator().generateResponse(answer(counted, 12345), false, head, null, null, true);
        return head.remaining();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Takes each field as Jetty hands it over, made whether kept or not; ends at the head. */
    private static final class Heads implements HttpParser.RequestHandler {
        @Override
        public void startRequest(String method, String uri, HttpVersion version) {}

        @Override
        public void parsedHeader(HttpField field) {}

        @Override
        public boolean headerComplete() {
            return false;
        }

        @Override
        public boolean content(ByteBuffer content) {
            return false;
        }

        @Override
        public boolean contentComplete() {
            return false;
        }

        @Override
        public boolean messageComplete() {
            return true;
        }

        @Override
        public void earlyEOF() {}

        @Override
        public void badMessage(HttpException failure) {
            throw new IllegalStateException("Jetty refused the head: " + failure.getReason());
        }
    }
}
