package dev.duet.common;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * Runs a program's body and turns what it throws into the conventional exit codes: a
 * {@link UsageException} prints the problem and the usage (exit 2); a {@link Failure} prints its
 * one line (its own exit code). Nothing reaches the user as a stack trace.
 */
public final class Cli {
    public static final int USAGE = 2;

    private Cli() {}

    /** A failure the user must hear about in one line, with the exit code that says what kind it was. */
    public static final class Failure extends RuntimeException {
        private final int exitCode;

        public Failure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /**
     * Answers {@code --help} and {@code --version} wherever they stand, else runs {@code body}.
     */
    public static int run(
            String program,
            String usage,
            java.util.List<String> args,
            PrintStream out,
            PrintStream err,
            Callable<Integer> body) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(usage);
            return 0;
        }
        if (args.contains("--version")) {
            out.println(program + " " + Version.current());
            return 0;
        }
        try {
            return body.call();
        } catch (UsageException e) {
            err.println(program + ": " + e.getMessage());
            err.println();
            err.print(usage);
            return USAGE;
        } catch (Failure e) {
            err.println(program + ": " + e.getMessage());
            return e.exitCode();
        } catch (Exception e) {
            err.println(program + ": unexpected error: " + e);
            return 1;
        }
    }
}
