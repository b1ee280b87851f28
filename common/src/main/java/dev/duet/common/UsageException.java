package dev.duet.common;

import java.util.List;
import java.util.Optional;

/** A mistake on the command line or in the environment: the program prints it with its usage and exits 2. */
public final class UsageException extends RuntimeException {
    private final String unexpected;

    public UsageException(String message) {
        this(message, null);
    }

    private UsageException(String message, String unexpected) {
        super(message);
        this.unexpected = unexpected;
    }

    /** An argument where none (or no more) was expected. */
    public static UsageException unexpectedArgument(String argument) {
        return new UsageException("unexpected argument \"" + argument + "\"", argument);
    }

    /**
     * A word that names none of the choices where one was expected: {@code unknown command "tpc"
     * (did you mean "tcp"?)}, or with none near it, every choice.
     *
     * @param what what the word should have named: {@code command}, {@code transport}
     */
    public static UsageException unknown(String what, String word, List<String> choices) {
        String hint = Nearest.of(word, choices)
                .map(near -> "did you mean \"" + near + "\"?")
                .orElse("expected " + Nearest.list(choices));
        return new UsageException("unknown " + what + " " + LogText.quote(word) + " (" + hint + ")");
    }

    /** The argument that was not expected, when that is the mistake. */
    public Optional<String> unexpectedArgument() {
        return Optional.ofNullable(unexpected);
    }
}
