package dev.duet.server;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file named on the command line that cannot be used as asked. Its message is the one line the
 * user reads before exit 1: the option, the path, and what is wrong with it, worded as a file
 * problem rather than as an address that could not be listened on. Unchecked, because it comes up
 * through start methods that report what went wrong unchecked (Jetty's among them).
 */
public final class FileProblem extends RuntimeException {
    public FileProblem(String message) {
        super(message, null, false, false); // the message is all a user needs; no stack to fill
    }

    /**
     * Nothing, when the directory {@code file} is to be made in exists; else the problem, naming
     * {@code option}, the file and the directory ("no such directory: /nodir").
     */
    public static void requireDirectoryOf(String option, Path file) {
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null || Files.isDirectory(directory)) {
            return;
        }
        Path shown = file.getParent() != null ? file.getParent() : directory;
        throw new FileProblem(option + " " + file + ": "
                + (Files.exists(directory) ? "not a directory: " : "no such directory: ") + shown);
    }
}
