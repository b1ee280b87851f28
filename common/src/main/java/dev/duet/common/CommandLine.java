package dev.duet.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words of a command line split into flags and positional arguments.
 *
 * <p>Accepts {@code --name value}, {@code --name=value} and bare boolean flags; {@code --} ends the
 * flags. An unknown flag, a missing value or a repeated flag is a {@link UsageException}, so a typo
 * never silently falls back to a default.
 */
public final class CommandLine {
    private final Map<String, String> values;
    private final Set<String> switches;
    private final List<String> positionals;

    private CommandLine(Map<String, String> values, Set<String> switches, List<String> positionals) {
        this.values = values;
        this.switches = switches;
        this.positionals = positionals;
    }

    /**
     * @param valueFlags   flags that take a value, such as {@code --port}
     * @param booleanFlags flags that stand alone, such as {@code --quiet}
     */
    public static CommandLine parse(List<String> args, Set<String> valueFlags, Set<String> booleanFlags) {
        Map<String, String> values = new HashMap<>();
        Set<String> switches = new java.util.HashSet<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                positionals.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                positionals.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (booleanFlags.contains(name)) {
                if (eq >= 0) {
                    throw new UsageException(name + " takes no value");
                }
                switches.add(name);
            } else if (valueFlags.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(name + " needs a value");
                }
                if (values.putIfAbsent(name, value) != null) {
                    throw new UsageException(name + " is given twice");
                }
            } else {
                throw new UsageException("unknown option " + LogText.quote(name));
            }
        }
        return new CommandLine(values, switches, List.copyOf(positionals));
    }

    public Optional<String> value(String flag) {
        return Optional.ofNullable(values.get(flag));
    }

    public boolean has(String flag) {
        return switches.contains(flag);
    }

    public List<String> positionals() {
        return positionals;
    }

    /** This command line, for a command that takes options only; else a usage error naming the first argument. */
    public CommandLine withoutPositionals() {
        if (!positionals.isEmpty()) {
            throw UsageException.unexpectedArgument(positionals.get(0));
        }
        return this;
    }
}
