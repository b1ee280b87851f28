package dev.duet.server;

import dev.duet.server.admin.AdminConfig;
import dev.duet.server.admin.AdminServer;
import dev.duet.server.admin.AdminToken;
import dev.duet.server.admin.Inspector;
import dev.duet.server.admin.Listening;
import dev.duet.server.admin.Readiness;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.metrics.Metrics;
import java.util.List;

/**
 * An HTTP echo and its control plane on free loopback ports, joined as a real run joins them: the
 * echo counts into the plane's metrics, tells its inspector, and the plane changes its default
 * controls.
 */
public record EchoWithAdmin(HttpEchoServer echo, AdminServer admin, Readiness readiness) implements AutoCloseable {
    /**
     * @param name      the instance's name
     * @param echoWords the echo's options beyond {@code --host 127.0.0.1 --port 0}
     */
    public static EchoWithAdmin start(String name, AdminToken token, String... echoWords) {
        return start(new ServerIdentity(name, "host", List.of("127.0.0.1")), token, echoWords);
    }

    /** @param echoWords the echo's options beyond {@code --host 127.0.0.1 --port 0} */
    public static EchoWithAdmin start(ServerIdentity identity, AdminToken token, String... echoWords) {
        Readiness readiness = new Readiness();
        Metrics metrics = Metrics.create();
        Inspector inspector = new Inspector(100);
        HttpEchoServer echo = HttpEchoServer.start(
                HttpServerConfig.ephemeral(echoWords), new Instance(identity, metrics, inspector, LogFormat.TEXT));
        AdminServer admin = AdminServer.start(
                new AdminConfig("127.0.0.1", 0, 100, token),
                identity,
                readiness,
                metrics,
                inspector,
                new Listening("echo", "http", "127.0.0.1:" + echo.port()),
                echo.defaultControls());
        return new EchoWithAdmin(echo, admin, readiness);
    }

    @Override
    public void close() {
        admin.close();
        echo.close();
    }
}
