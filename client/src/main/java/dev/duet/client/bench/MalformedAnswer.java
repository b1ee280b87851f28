package dev.duet.client.bench;

import java.io.IOException;

/** Bytes from the server that are not an HTTP/1.x answer, or more than one: counted as a bad answer. */
final class MalformedAnswer extends IOException {
    MalformedAnswer(String message) {
        super(message);
    }
}
