package dev.duet.server.http;

import dev.duet.common.LogText;
import dev.duet.common.RunHeaders;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * The controls asked for, before any weighted choice is drawn: a request's {@code X-Duet-*}
 * headers and {@code duet-*} query parameters, or the instance's defaults ({@code
 * --default-controls}, {@code PUT /controls}) written as {@code status=500:30,200:70;delay=100ms}.
 * {@link #draw} makes one answer's {@link ResponseControls} of it.
 *
 * <p>Validation is strict whatever the source: a value that does not parse, or a name that is not a
 * control, is refused with a line naming it as it was given, so a typo never passes for a control
 * that did nothing.
 */
final class ControlPlan {
    /** The controls, in the order they are shown. */
    enum Control {
        STATUS,
        DELAY,
        SIZE,
        HEADER,
        FAULT,
        STREAM;

        /** {@code status}: its query parameter without {@code duet-}, its label in /metrics. */
        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Control of(String word) {
            for (Control control : values()) {
                if (control.word().equalsIgnoreCase(word)) {
                    return control;
                }
            }
            return null;
        }
    }

    /** Where controls come from, and what each is called there. */
    enum Source {
        HEADER("X-Duet-") {
            @Override
            String name(Control control) {
                return prefix
                        + control.word().substring(0, 1).toUpperCase(Locale.ROOT)
                        + control.word().substring(1);
            }
        },
        QUERY("duet-"),
        /** --default-controls and PUT /controls. */
        TEXT("");

        final String prefix;

        Source(String prefix) {
            this.prefix = prefix;
        }

        String name(Control control) {
            return prefix + control.word();
        }

        IllegalArgumentException unknown(String given) {
            List<String> names = Arrays.stream(Control.values()).map(this::name).toList();
            return new IllegalArgumentException("unknown control " + LogText.quote(given) + "; the controls are "
                    + String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1));
        }
    }

    /** The limits a value must keep to: {@code --max-delay}, {@code --max-body}. */
    record Limits(Duration maxDelay, long maxSize) {}

    static final ControlPlan NONE = new ControlPlan(null, null, null, List.of(), null, null);

    private static final String QUERY_PREFIX = Source.QUERY.prefix;
    /** A ';' starts the next control only where a control's name and '=' follow: header values have ';' too. */
    private static final Pattern NEXT_CONTROL = Pattern.compile(
            ";(?=\\s*(?:" + Arrays.stream(Control.values()).map(Control::word).collect(Collectors.joining("|"))
                    + ")\\s*=)",
            Pattern.CASE_INSENSITIVE);

    private final Choice<Integer> status;
    private final Choice<Duration> delay;
    private final Choice<Long> size;
    private final List<HttpField> headers;
    private final Choice<ResponseControls.Fault> fault;
    private final Choice<ResponseControls.Stream> stream;
    /** The one answer a plan without weighted choices gives, made once; null for a weighted plan. */
    private final ResponseControls fixed;

    private ControlPlan(
            Choice<Integer> status,
            Choice<Duration> delay,
            Choice<Long> size,
            List<HttpField> headers,
            Choice<ResponseControls.Fault> fault,
            Choice<ResponseControls.Stream> stream) {
        this.status = status;
        this.delay = delay;
        this.size = size;
        this.headers = headers;
        this.fault = fault;
        this.stream = stream;
        boolean weighted = choices().stream().anyMatch(Choice::weighted);
        this.fixed = weighted ? null : answer(null);
    }

    /**
     * True when a request's query may hold controls: the one test a plain echo's query costs. A
     * value that merely contains the word leads to a parse that finds none.
     */
    static boolean inQuery(String query) {
        return query != null && query.contains(QUERY_PREFIX);
    }

    /**
     * The controls of a request: its {@code X-Duet-*} headers when {@code headers} (the counting
     * headers of {@link RunTag} are not controls), then its {@code duet-*} query parameters
     * (but {@code duet-tally}, the tally's own); a control given both ways takes the query's value.
     *
     * @throws IllegalArgumentException with a one-line reason naming the header or parameter
     */
    static ControlPlan ofRequest(HttpFields fields, boolean headers, String query, Limits limits) {
        Builder plan = new Builder(limits);
        if (headers) {
            for (HttpField field : fields) {
                String name = field.getName();
                if (DuetHeaders.isDuet(name) && !RunTag.owns(name)) {
                    plan.set(Source.HEADER, name, ResponseControls.control(name), field.getValue());
                }
            }
        }
        if (inQuery(query)) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (name.startsWith(QUERY_PREFIX) && !name.equals(RunHeaders.TALLY_QUERY)) {
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    plan.set(Source.QUERY, name, name.substring(QUERY_PREFIX.length()), value);
                }
            }
        }
        return plan.build(headers ? Source.HEADER : Source.QUERY);
    }

    /**
     * Controls written out, {@code status=500:30,200:70;delay=100ms;header=X-Chaos: on}, as
     * {@code --default-controls} and {@code PUT /controls} take them; empty text is none.
     *
     * @throws IllegalArgumentException with a one-line reason naming the control
     */
    static ControlPlan ofText(String text, Limits limits) {
        Builder plan = new Builder(limits);
        for (String piece : NEXT_CONTROL.split(text.trim())) {
            String control = piece.trim();
            if (control.isEmpty()) {
                continue;
            }
            int eq = control.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(
                        "expected NAME=VALUE controls separated by ';', such as status=503;delay=200ms, got "
                                + LogText.quote(control));
            }
            String name = control.substring(0, eq).trim();
            plan.set(Source.TEXT, name, name, control.substring(eq + 1));
        }
        return plan.build(Source.TEXT);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // not percent-encoding: as sent, and refused as a value if it is one
        }
    }

    boolean isEmpty() {
        return this == NONE || (choices().isEmpty() && headers.isEmpty());
    }

    /** One answer's controls: the weighted choices drawn now, with {@code draws}. */
    ResponseControls draw(Draws draws) {
        return fixed != null ? fixed : answer(draws.next());
    }

    /** How these controls are written, as {@link #ofText} reads them: what /version shows. */
    String text() {
        List<String> parts = new ArrayList<>();
        add(parts, Control.STATUS, status);
        add(parts, Control.DELAY, delay);
        add(parts, Control.SIZE, size);
        for (HttpField header : headers) {
            parts.add(Control.HEADER.word() + "=" + header.getName() + ": " + header.getValue());
        }
        add(parts, Control.FAULT, fault);
        add(parts, Control.STREAM, stream);
        return String.join(";", parts);
    }

    private static void add(List<String> parts, Control control, Choice<?> choice) {
        if (choice != null) {
            parts.add(control.word() + "=" + choice.text());
        }
    }

    private List<Choice<?>> choices() {
        List<Choice<?>> all = new ArrayList<>(5);
        for (Choice<?> choice : Arrays.asList(status, delay, size, fault, stream)) {
            if (choice != null) {
                all.add(choice);
            }
        }
        return all;
    }

    /** The answer for one request's draws; with none, every choice is fixed and takes its value. */
    private ResponseControls answer(Draws.Request draws) {
        if (choices().isEmpty() && headers.isEmpty()) {
            return ResponseControls.NONE;
        }
        ResponseControls none = ResponseControls.NONE;
        return new ResponseControls(
                pick(status, draws, Control.STATUS, none.status()),
                pick(delay, draws, Control.DELAY, none.delay()),
                pick(size, draws, Control.SIZE, none.size()),
                headers,
                pick(fault, draws, Control.FAULT, none.fault()),
                pick(stream, draws, Control.STREAM, none.stream()));
    }

    private static <T> T pick(Choice<T> choice, Draws.Request draws, Control control, T otherwise) {
        if (choice == null) {
            return otherwise;
        }
        T picked = choice.pick(draws == null ? 0 : draws.percent(control.ordinal()));
        return picked == null ? otherwise : picked;
    }

    /** Gathers controls one by one, each checked as it comes. */
    private static final class Builder {
        private final Limits limits;
        private Choice<Integer> status;
        private Choice<Duration> delay;
        private Choice<Long> size;
        private final List<HttpField> headers = new ArrayList<>();
        private Choice<ResponseControls.Fault> fault;
        private Choice<ResponseControls.Stream> stream;

        Builder(Limits limits) {
            this.limits = limits;
        }

        /**
         * @param given the name as given, for the message when it is no control
         * @param word  the control's name without its source's prefix
         */
        void set(Source source, String given, String word, String value) {
            Control control = Control.of(word);
            if (control == null) {
                throw source.unknown(given);
            }
            String v = value.trim();
            try {
                switch (control) {
                    case STATUS -> status = Choice.parse(v, ResponseControls::status);
                    case DELAY -> delay = Choice.parse(v, d -> ResponseControls.delay(d, limits.maxDelay()));
                    case SIZE -> size = Choice.parse(v, s -> ResponseControls.size(s, limits.maxSize()));
                    case HEADER -> headers.add(ResponseControls.header(v));
                    case FAULT -> fault = Choice.parse(v, ResponseControls::fault);
                    case STREAM -> stream = Choice.parse(v, s -> ResponseControls.stream(s, limits.maxDelay()));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source.name(control) + ": " + e.getMessage());
            }
        }

        ControlPlan build(Source source) {
            if (stream != null && size != null) {
                throw new IllegalArgumentException(source.name(Control.STREAM) + " and " + source.name(Control.SIZE)
                        + " do not go together: a stream's chunks are the echo itself");
            }
            if (status == null
                    && delay == null
                    && size == null
                    && headers.isEmpty()
                    && fault == null
                    && stream == null) {
                return NONE;
            }
            return new ControlPlan(status, delay, size, List.copyOf(headers), fault, stream);
        }
    }
}
