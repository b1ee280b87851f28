package dev.duet.server.http;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An echo server on a free loopback port for a whole test class, started before its first test
 * and stopped after its last: {@code @RegisterExtension static final RunningEchoServer server =
 * new RunningEchoServer("--quiet");}
 */
public final class RunningEchoServer implements BeforeAllCallback, AfterAllCallback {
    private final String[] words;
    private HttpEchoServer server;

    /** @param words command-line options beyond {@code --host 127.0.0.1 --port 0} */
    public RunningEchoServer(String... words) {
        this.words = words;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = HttpEchoServer.start(HttpServerConfig.ephemeral(words));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    public int port() {
        return server.port();
    }

    /** The server itself, for what a test does with one beyond its port. */
    public HttpEchoServer server() {
        return server;
    }
}
