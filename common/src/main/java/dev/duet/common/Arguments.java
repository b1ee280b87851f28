package dev.duet.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command line and the environment read against an {@link OptionTable}: each option's typed
 * value from its flag, else its environment variable, else its default.
 *
 * <p>Accepts {@code --name value}, {@code --name=value} and bare switches; {@code --} ends the
 * options. An unknown option, a missing or bad value, a repeated option or a stray word is a
 * {@link UsageException} naming where the text came from ({@code --port} or {@code DUET_PORT}),
 * so a typo never falls back to a default. {@code --help} and {@code --version} count only where
 * an option may stand, not as another option's value.
 */
public final class Arguments {
    private final Map<Option<?>, Object> values;
    private final boolean help;
    private final boolean version;

    private Arguments(Map<Option<?>, Object> values, boolean help, boolean version) {
        this.values = values;
        this.help = help;
        this.version = version;
    }

    public static Arguments parse(OptionTable table, List<String> words, Map<String, String> env) {
        Map<String, Option<?>> byFlag = new HashMap<>();
        for (Option<?> option : table.options()) {
            byFlag.put(option.flag(), option);
            option.alias().ifPresent(alias -> byFlag.put(alias, option));
        }
        Map<Option<?>, List<Given>> given = new HashMap<>();
        List<String> bare = new ArrayList<>();
        UsageException firstProblem = null;
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--")) {
                bare.addAll(words.subList(i + 1, words.size()));
                break;
            }
            if (!word.startsWith("-") || word.equals("-")) {
                bare.add(word);
                continue;
            }
            int eq = word.indexOf('=');
            String flag = eq < 0 ? word : word.substring(0, eq);
            if (eq < 0 && (flag.equals("--help") || flag.equals("-h"))) {
                help = true;
                continue;
            }
            if (eq < 0 && flag.equals("--version")) {
                version = true;
                continue;
            }
            Option<?> option = byFlag.get(flag);
            String text;
            UsageException problem = null;
            if (option == null) {
                problem = new UsageException("unknown option " + LogText.quote(flag));
                text = null;
            } else if (!option.type().takesValue()) {
                text = "true";
                if (eq >= 0) {
                    problem = new UsageException(flag + " takes no value");
                }
            } else if (eq >= 0) {
                text = word.substring(eq + 1);
            } else if (option.implied().isPresent()
                    && (i + 1 == words.size() || words.get(i + 1).startsWith("-"))) {
                text = option.implied().get(); // --tls alone, or --tls --cert ...
            } else if (i + 1 < words.size()) {
                text = words.get(++i);
            } else {
                problem = new UsageException(flag + " needs a value");
                text = null;
            }
            if (problem == null) {
                List<Given> texts = given.computeIfAbsent(option, o -> new ArrayList<>());
                if (!texts.isEmpty() && !option.repeatable()) {
                    problem = new UsageException(flag + " is given twice");
                }
                texts.add(new Given(flag, text));
            }
            if (firstProblem == null) {
                firstProblem = problem;
            }
        }
        if (help || version) {
            return new Arguments(Map.of(), help, version);
        }
        if (firstProblem != null) {
            throw firstProblem;
        }
        takePositional(table, bare, given);
        Map<Option<?>, Object> values = new HashMap<>();
        for (Option<?> option : table.options()) {
            values.put(option, resolve(option, given.get(option), env));
        }
        return new Arguments(values, false, false);
    }

    /** Where an option's text came from ({@code --port}, {@code DUET_PORT}; empty for a bare word), and the text. */
    private record Given(String source, String text) {}

    private static void takePositional(OptionTable table, List<String> bare, Map<Option<?>, List<Given>> given) {
        if (bare.isEmpty()) {
            return;
        }
        // a repeatable option takes every bare word (duet-client merge a.json b.json); any other, one
        boolean many =
                table.positional().isPresent() && table.positional().get().repeatable();
        if (table.positional().isEmpty() || (bare.size() > 1 && !many)) {
            throw UsageException.unexpectedArgument(bare.get(table.positional().isEmpty() ? 0 : 1));
        }
        Option<?> option = table.positional().get();
        String word = option.type().metavar();
        if (given.containsKey(option)) {
            throw new UsageException("give " + word + " or " + option.flag() + ", not both");
        }
        // the value quoted in an error names itself
        given.put(option, bare.stream().map(text -> new Given("", text)).toList());
    }

    private static Object resolve(Option<?> option, List<Given> fromCommandLine, Map<String, String> env) {
        List<Given> texts = fromCommandLine;
        if (texts == null) {
            texts = option.variable()
                    .filter(v -> env.get(v) != null && !env.get(v).isEmpty())
                    .map(v -> option.repeatable()
                            ? env.get(v).lines().map(line -> new Given(v, line)).toList()
                            : List.of(new Given(v, env.get(v))))
                    .orElse(null);
        }
        if (texts == null) {
            return option.fallback()
                    .orElseThrow(
                            () -> new UsageException("missing " + option.type().metavar()));
        }
        if (!option.repeatable()) {
            return parse(option, texts.get(0));
        }
        List<Object> all = new ArrayList<>();
        for (Given text : texts) {
            all.addAll((List<?>) parse(option, text));
        }
        return List.copyOf(all);
    }

    private static Object parse(Option<?> option, Given text) {
        try {
            return option.type().parse(text.text());
        } catch (IllegalArgumentException e) {
            throw new UsageException(text.source().isEmpty() ? e.getMessage() : text.source() + ": " + e.getMessage());
        }
    }

    /** {@code --help} or {@code -h} stood where an option may. */
    public boolean helpRequested() {
        return help;
    }

    public boolean versionRequested() {
        return version;
    }

    /** The option's value; the option must be one of the table's. */
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        if (!values.containsKey(option)) {
            throw new IllegalArgumentException(option.flag() + " is not an option of this command");
        }
        return (T) values.get(option);
    }

    /** The option's value, if it is one of the table's. */
    public <T> Optional<T> find(Option<T> option) {
        return values.containsKey(option) ? Optional.of(get(option)) : Optional.empty();
    }
}
