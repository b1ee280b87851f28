package dev.duet.common;

import java.util.List;
import java.util.Optional;

/**
 * One option of a command, declared once: its flag, the environment variable that can set it,
 * its value type, its default and its help line. The parser, {@code --help}, the environment
 * lookup, the typed configuration records and {@code docs/configuration.md} all read it from here.
 *
 * <pre>{@code
 * static final Option<Integer> PORT = Option.of("--port", ValueType.PORT, 8888)
 *         .env("DUET_PORT")
 *         .help("port to listen on; 0 picks a free one");
 * }</pre>
 *
 * @param fallback     the value when neither flag nor variable is set; empty for a required option
 * @param shownDefault how {@code --help} shows the default ({@code <temp dir>/duet.sock} rather than
 *                     this machine's path); empty for a required option
 * @param implied      the value the flag means alone, with no value after it ({@code --tls} for
 *                     {@code --tls on}); empty when it must have one
 * @param alias        a short form of the flag, as curl users type it ({@code -H} for {@code --header})
 * @param repeatable   the flag may be given again, each value adding to a list ({@code -H} twice);
 *                     its variable holds one value a line
 */
public record Option<T>(
        String flag,
        Optional<String> variable,
        ValueType<T> type,
        Optional<T> fallback,
        String shownDefault,
        String help,
        Optional<String> implied,
        Optional<String> alias,
        boolean repeatable) {

    /**
     * An option is declared once, as a constant, and is equal only to itself. A record's own equals and
     * hashCode are built by reflection on first use, which cost a one-shot client run several
     * milliseconds of method-handle spinning; lookups key on these.
     */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** An option with a default. */
    public static <T> Option<T> of(String flag, ValueType<T> type, T fallback) {
        return new Option<>(
                flag,
                Optional.empty(),
                type,
                Optional.of(fallback),
                type.format(fallback),
                "",
                Optional.empty(),
                Optional.empty(),
                false);
    }

    /** An option that may be left unset, which reads as {@link Optional#empty()}. */
    public static <T> Option<Optional<T>> optional(String flag, ValueType<T> type) {
        return new Option<>(
                flag,
                Optional.empty(),
                type.optional(),
                Optional.of(Optional.empty()),
                "none",
                "",
                Optional.empty(),
                Optional.empty(),
                false);
    }

    /** An option without which the command cannot run. */
    public static <T> Option<T> required(String flag, ValueType<T> type) {
        return new Option<>(
                flag, Optional.empty(), type, Optional.empty(), "", "", Optional.empty(), Optional.empty(), false);
    }

    /** An option that may be given any number of times; its values in the order given, none by default. */
    public static <T> Option<List<T>> repeatable(String flag, ValueType<T> element) {
        return new Option<>(
                flag,
                Optional.empty(),
                element.list(),
                Optional.of(List.of()),
                "none",
                "",
                Optional.empty(),
                Optional.empty(),
                true);
    }

    /** A switch, off unless given. */
    public static Option<Boolean> flag(String flag) {
        return of(flag, ValueType.SWITCH, false);
    }

    /** The environment variable that sets this option when the flag is not given. */
    public Option<T> env(String newVariable) {
        return new Option<>(
                flag, Optional.of(newVariable), type, fallback, shownDefault, help, implied, alias, repeatable);
    }

    /** What the option does, in one line for {@code --help}. */
    public Option<T> help(String line) {
        return new Option<>(flag, variable, type, fallback, shownDefault, line, implied, alias, repeatable);
    }

    /** Shows the default in words, such as {@code once} or {@code <temp dir>/duet.sock}. */
    public Option<T> shownAs(String words) {
        return new Option<>(flag, variable, type, fallback, words, help, implied, alias, repeatable);
    }

    /** Names the value in help, such as {@code HOST} for a text option. */
    public Option<T> metavar(String name) {
        return new Option<>(flag, variable, type.named(name), fallback, shownDefault, help, implied, alias, repeatable);
    }

    /** What the flag means standing alone: {@code --tls} is {@code --tls on}. */
    public Option<T> impliedValue(String text) {
        return new Option<>(flag, variable, type, fallback, shownDefault, help, Optional.of(text), alias, repeatable);
    }

    /** A short form of the flag: {@code -k} for {@code --insecure}. */
    public Option<T> alias(String shortFlag) {
        return new Option<>(
                flag, variable, type, fallback, shownDefault, help, implied, Optional.of(shortFlag), repeatable);
    }

    public boolean isRequired() {
        return fallback.isEmpty();
    }

    /**
     * {@code --port PORT}, {@code --tls [MODE]} when the value may be left out, {@code --quiet} for
     * a switch, {@code -H, --header TEXT} with a short form.
     */
    public String synopsis() {
        String flags = alias.map(a -> a + ", ").orElse("") + flag;
        if (!type.takesValue()) {
            return flags;
        }
        return implied.isPresent() ? flags + " [" + type.metavar() + "]" : flags + " " + type.metavar();
    }
}
