package dev.duet.common;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one setting from a flag, else an environment variable, else a default, and turns it into
 * a typed value. Errors name where the bad value came from ({@code --port} or {@code DUET_PORT}).
 */
public final class Settings {
    private final CommandLine commandLine;
    private final Map<String, String> environment;

    public Settings(CommandLine commandLine, Map<String, String> environment) {
        this.commandLine = commandLine;
        this.environment = environment;
    }

    public CommandLine commandLine() {
        return commandLine;
    }

    /** The raw text and the name of where it came from, or empty when neither flag nor variable is set. */
    private Optional<Source> lookup(String flag, String variable) {
        Optional<String> fromFlag = commandLine.value(flag);
        if (fromFlag.isPresent()) {
            return Optional.of(new Source(flag, fromFlag.get()));
        }
        String fromEnv = variable == null ? null : environment.get(variable);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Optional.of(new Source(variable, fromEnv));
        }
        return Optional.empty();
    }

    public String string(String flag, String variable, String fallback) {
        return lookup(flag, variable).map(Source::text).orElse(fallback);
    }

    public Optional<String> optionalString(String flag, String variable) {
        return lookup(flag, variable).map(Source::text);
    }

    public int port(String flag, String variable, int fallback) {
        return lookup(flag, variable)
                .map(s -> s.integer(0, 65535, "a port number (0-65535)"))
                .orElse(fallback);
    }

    public int integer(String flag, String variable, int fallback, int min, int max) {
        return lookup(flag, variable)
                .map(s -> s.integer(min, max, "a whole number from " + min + " to " + max))
                .orElse(fallback);
    }

    /** A size in bytes, from {@code min} to {@code max}, written as 8192, 8KiB or 10MiB. */
    public long bytes(String flag, String variable, long fallback, long min, long max) {
        return lookup(flag, variable)
                .map(s -> {
                    long value;
                    try {
                        value = ByteSizes.parse(s.text());
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(s.name() + ": " + e.getMessage());
                    }
                    if (value < min || value > max) {
                        throw new UsageException(s.name() + ": expected a size from " + min + " to " + max
                                + " bytes, got " + LogText.quote(s.text()));
                    }
                    return value;
                })
                .orElse(fallback);
    }

    public Duration duration(String flag, String variable, Duration fallback) {
        return optionalDuration(flag, variable).orElse(fallback);
    }

    public Optional<Duration> optionalDuration(String flag, String variable) {
        return lookup(flag, variable).map(s -> {
            try {
                return Durations.parse(s.text());
            } catch (IllegalArgumentException e) {
                throw new UsageException(s.name() + ": " + e.getMessage());
            }
        });
    }

    /** A switch that the environment can also turn on with {@code 1}, {@code true} or {@code yes}. */
    public boolean flag(String flag, String variable) {
        if (commandLine.has(flag)) {
            return true;
        }
        String fromEnv = variable == null ? null : environment.get(variable);
        if (fromEnv == null || fromEnv.isEmpty()) {
            return false;
        }
        return switch (fromEnv.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new UsageException(variable + ": expected true or false, got " + LogText.quote(fromEnv));
        };
    }

    private record Source(String name, String text) {
        int integer(int min, int max, String expected) {
            try {
                int value = Integer.parseInt(text.trim());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below with the same message as an out-of-range number
            }
            throw new UsageException(name + ": expected " + expected + ", got " + LogText.quote(text));
        }
    }
}
