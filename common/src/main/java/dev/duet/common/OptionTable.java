package dev.duet.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One command's options, declared once. {@link Arguments} parses a command line against it, and
 * its {@link #help()} and {@link #markdown()} are the command's {@code --help} and its section of
 * {@code docs/configuration.md}, so none of the three can drift from the others.
 *
 * @param command    the words that select the command after the program's name ({@code tcp}, {@code bench
 *                   unix}); empty for a program's only or default command
 * @param positional the option a bare word on the command line sets, as a shorthand ({@code duet-client
 *                   unix /tmp/x.sock} for {@code --path /tmp/x.sock})
 * @param notes      lines printed under the options in {@code --help}
 */
public record OptionTable(
        String program,
        String command,
        String summary,
        Optional<Option<?>> positional,
        List<Option<?>> options,
        List<String> notes) {

    /** Declared once, as a constant, like each {@link Option}: equal only to itself, for the same reason. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** Built-in switches, in every command's help. */
    public static final Option<Boolean> HELP =
            Option.flag("--help").help("print this help and exit").shownAs("");

    public static final Option<Boolean> VERSION =
            Option.flag("--version").help("print the version and exit").shownAs("");

    private static final int SYNOPSIS_WIDTH = 26;

    public static OptionTable of(String program, String command, String summary) {
        return new OptionTable(program, command, summary, Optional.empty(), List.of(), List.of());
    }

    public OptionTable options(Option<?>... declared) {
        List<Option<?>> all = new ArrayList<>(options);
        all.addAll(List.of(declared));
        return new OptionTable(program, command, summary, positional, List.copyOf(all), notes);
    }

    /** A bare word sets {@code option}, which must also be among the options. */
    public OptionTable positional(Option<?> option) {
        return new OptionTable(program, command, summary, Optional.of(option), options, notes);
    }

    public OptionTable notes(String... lines) {
        return new OptionTable(program, command, summary, positional, options, List.of(lines));
    }

    /** {@code duet-client tcp [HOST:PORT] [options]} */
    public String usageLine() {
        return program + " " + invocation(command) + " [options]";
    }

    /** {@code tcp [HOST:PORT]}: the command's words and its positional argument. */
    private String invocation(String commandWords) {
        StringBuilder line = new StringBuilder(commandWords);
        positional.ifPresent(p -> {
            String word = p.type().metavar();
            line.append(line.isEmpty() ? "" : " ").append(p.isRequired() ? word : "[" + word + "]");
        });
        return line.toString();
    }

    /**
     * What {@code PROGRAM --help} prints: every command in a line, then the options of the first,
     * which runs when no command is named, then {@code notes}.
     */
    public static String overview(List<OptionTable> commands, List<String> notes) {
        OptionTable first = commands.get(0);
        StringBuilder text =
                new StringBuilder("Usage: ").append(first.program()).append(" [COMMAND] [options]\n\n");
        text.append("Commands:\n");
        for (OptionTable table : commands) {
            String words = table.invocation(table == first ? "[" + table.command() + "]" : table.command());
            text.append("  ").append(words);
            text.append(
                    words.length() < SYNOPSIS_WIDTH
                            ? " ".repeat(SYNOPSIS_WIDTH - words.length())
                            : "\n  " + " ".repeat(SYNOPSIS_WIDTH));
            text.append(table.summary()).append('\n');
        }
        text.append("\n\"").append(first.program()).append(" COMMAND --help\" lists the options of each.\n");
        text.append("\nOptions of ").append(first.command()).append(":\n").append(first.optionLines());
        for (String note : notes) {
            text.append('\n').append(note).append('\n');
        }
        return text.toString();
    }

    /** What {@code --help} prints for this command. */
    public String help() {
        StringBuilder text = new StringBuilder("Usage: ").append(usageLine()).append('\n');
        text.append(summary).append('\n');
        positional.ifPresent(p -> text.append(p.type().metavar())
                .append(" is a shorthand for ")
                .append(p.flag())
                .append(".\n"));
        text.append("\nOptions:\n").append(optionLines());
        for (String note : notes) {
            text.append('\n').append(note).append('\n');
        }
        return text.toString();
    }

    /**
     * Two lines an option: what it does, then where else it can be set and its default.
     *
     * <pre>
     *   --port PORT             port to listen on; 0 picks a free one
     *                           (env DUET_PORT, default 8888)
     * </pre>
     */
    public String optionLines() {
        StringBuilder text = new StringBuilder();
        List<Option<?>> all = new ArrayList<>(options);
        all.add(HELP);
        all.add(VERSION);
        String indent = " ".repeat(SYNOPSIS_WIDTH + 2);
        for (Option<?> option : all) {
            String synopsis = option.synopsis();
            text.append("  ").append(synopsis);
            if (!option.help().isEmpty()) {
                text.append(
                        synopsis.length() < SYNOPSIS_WIDTH
                                ? " ".repeat(SYNOPSIS_WIDTH - synopsis.length())
                                : "\n" + indent);
                text.append(option.help());
            }
            text.append('\n');
            String where = whereElse(option);
            if (!where.isEmpty()) {
                text.append(indent).append('(').append(where).append(")\n");
            }
        }
        if (uses("TIME")) {
            text.append("\nTIME is a number with a unit: 250ms, 3s, 1.5s, 2m, 1h.\n");
        }
        if (uses("SIZE")) {
            text.append(uses("TIME") ? "" : "\n")
                    .append("SIZE is bytes, or a number with KiB, MiB or GiB: 8KiB, 10MiB.\n");
        }
        return text.toString();
    }

    /** Every command's options, each under a heading, for {@code docs/configuration.md}. */
    public static String markdown(List<OptionTable> commands) {
        StringBuilder text = new StringBuilder();
        for (OptionTable table : commands) {
            text.append("\n### `")
                    .append(table.program())
                    .append(' ')
                    .append(table.command())
                    .append("`\n\n")
                    .append(table.markdown());
        }
        return text.toString();
    }

    /** What a usage error prints: what is wrong, and where to read how it is done. */
    public String usageError(UsageException problem) {
        return program + ": " + problem.getMessage() + "\nTry \"" + program + " " + command + " --help\".\n";
    }

    /** This command's options as a Markdown table, for {@code docs/configuration.md}. */
    public String markdown() {
        StringBuilder text = new StringBuilder(code(usageLine())).append(": ").append(prose(summary));
        positional.ifPresent(p -> text.append(" ")
                .append(code(p.type().metavar()))
                .append(" is a shorthand for ")
                .append(code(p.flag()))
                .append("."));
        text.append("\n\n| Option | Environment | Default | Meaning |\n|---|---|---|---|\n");
        for (Option<?> option : options) {
            text.append("| ")
                    .append(code(option.synopsis()))
                    .append(" | ")
                    .append(option.variable().map(OptionTable::code).orElse(""))
                    .append(" | ")
                    .append(option.isRequired() ? "required" : code(option.shownDefault()))
                    .append(" | ")
                    .append(prose(option.help()))
                    .append(" |\n");
        }
        return text.toString();
    }

    private static String whereElse(Option<?> option) {
        List<String> parts = new ArrayList<>();
        option.variable().ifPresent(v -> parts.add("env " + v));
        if (option.isRequired()) {
            parts.add("required");
        } else if (!option.shownDefault().isEmpty()) {
            parts.add("default " + option.shownDefault());
        }
        return String.join(", ", parts);
    }

    private boolean uses(String metavar) {
        return options.stream().anyMatch(o -> o.type().metavar().equals(metavar));
    }

    /** Code in a Markdown table cell: a bar would end the cell. */
    private static String code(String text) {
        return "`" + text.replace("|", "\\|") + "`";
    }

    /** Text in a Markdown table cell: a bar would end the cell, a {@code <} start an HTML tag. */
    private static String prose(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;");
    }
}
