package dev.duet.server;

/** The server could not start serving: its message is the one line the user reads before exit 1. */
final class StartFailure extends Exception {
    StartFailure(String message) {
        super(message);
    }
}
