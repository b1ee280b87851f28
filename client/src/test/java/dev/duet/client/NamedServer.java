package dev.duet.client;

import dev.duet.server.Instance;
import dev.duet.server.ServerIdentity;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.metrics.Activity;
import dev.duet.server.metrics.Metrics;
import java.util.List;

/** A real echo server on a free loopback port, named as --name names one: a replica to tell apart. */
public final class NamedServer {
    private NamedServer() {}

    /** @param flags the server's options beyond --host and --port */
    public static HttpEchoServer start(String name, String... flags) {
        Instance instance = new Instance(
                new ServerIdentity(name, "localhost", List.of("127.0.0.1")),
                Metrics.OFF,
                Activity.NONE,
                LogFormat.TEXT);
        return HttpEchoServer.start(HttpServerConfig.ephemeral(flags), instance);
    }
}
