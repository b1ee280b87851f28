package dev.duet.common;

/** A mistake on the command line or in the environment: the program prints it with its usage and exits 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    /** An argument where none (or no more) was expected. */
    public static UsageException unexpectedArgument(String argument) {
        return new UsageException("unexpected argument \"" + argument + "\"");
    }
}
