package dev.duet.server;

import dev.duet.common.Durations;
import dev.duet.common.ShutdownSignal;
import dev.duet.server.admin.AdminConfig;
import dev.duet.server.admin.AdminServer;
import dev.duet.server.admin.Inspector;
import dev.duet.server.admin.Listening;
import dev.duet.server.admin.Readiness;
import dev.duet.server.http.DefaultControls;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.metrics.Activity;
import dev.duet.server.metrics.Metrics;
import dev.duet.server.stream.StreamEchoServer;
import dev.duet.server.stream.StreamServerConfig;
import dev.duet.server.tls.TlsConfig;
import dev.duet.server.udp.UdpEchoServer;
import dev.duet.server.udp.UdpServerConfig;
import java.io.IOException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the server, whatever its transport: start the echo, then the control plane, say where
 * each listens, wait for SIGTERM or SIGINT; then turn not ready, keep serving for the drain delay,
 * and stop. A start that fails is a {@link StartFailure} naming where it tried to listen and why,
 * or which file it could not use ({@link FileProblem}).
 */
final class ServerLifecycle {
    private final Logger log = LoggerFactory.getLogger("duet-server");
    private final ServerConfig config;

    ServerLifecycle(ServerConfig config) {
        this.config = config;
    }

    /**
     * A started echo server, as the lifecycle needs it.
     *
     * @param listening for the "listening on" line and /version
     * @param stopping  what stopping does, for the line logged when the signal arrives
     * @param controls  the HTTP echo's default controls, for the control plane; null for tcp and unix
     * @param drain     what the echo does once the signal has come, while it still serves
     */
    private record Echo(
            Listening listening, String stopping, AutoCloseable server, DefaultControls controls, Runnable drain) {}

    void serve() throws Exception {
        ShutdownSignal signal = ShutdownSignal.install();
        InstanceConfig instanceConfig = config.instance();
        ServerIdentity identity = ServerIdentity.ofThisHost(instanceConfig.name());
        Optional<AdminConfig> adminConfig = instanceConfig.admin();
        Metrics metrics = adminConfig.isPresent() ? Metrics.create() : Metrics.OFF;
        Optional<Inspector> inspector = adminConfig.map(admin -> new Inspector(admin.history()));
        Instance instance = new Instance(
                identity, metrics, inspector.<Activity>map(i -> i).orElse(Activity.NONE), instanceConfig.logFormat());

        // every port is taken before any is announced: a clash is the one line a failed start prints
        Readiness readiness = new Readiness();
        Echo echo = start(instance, readiness);
        Optional<AdminServer> admin = Optional.empty();
        try {
            if (adminConfig.isPresent()) {
                admin = Optional.of(
                        startAdmin(adminConfig.get(), identity, readiness, metrics, inspector.orElseThrow(), echo));
            }
            log.info(
                    "{}: {} listening on {}{}",
                    identity.name(),
                    echo.listening().transport(),
                    echo.listening().address(),
                    tryIt(echo.listening()));
            if (admin.isPresent()) {
                String host = adminConfig.get().host();
                int port = admin.get().port();
                log.info(
                        "{}: admin listening on {}:{} (try: curl http://{}:{}/metrics)",
                        identity.name(),
                        host,
                        port,
                        dialable(host),
                        port);
            }
            IdleMemory.returnWhenQuiet();
            String received = signal.await();
            readiness.drain();
            echo.drain().run();
            Duration delay = instanceConfig.drainDelay();
            if (delay.isZero()) {
                log.info("{} received: {}", received, echo.stopping());
            } else {
                log.info(
                        "{} received: not ready; serving on for {} so load balancers notice, then {}",
                        received,
                        Durations.format(delay),
                        echo.stopping());
                Thread.sleep(delay.toMillis());
                log.info("drain delay over: {}", echo.stopping());
            }
            echo.server().close();
        } finally {
            admin.ifPresent(AdminServer::close);
        }
        log.info("stopped");
    }

    private Echo start(Instance instance, Readiness readiness) throws StartFailure {
        EchoConfig echo = config.echo();
        try {
            if (echo instanceof HttpServerConfig http) {
                return startHttp(http, instance, readiness);
            }
            if (echo instanceof UdpServerConfig udp) {
                return startUdp(udp, instance);
            }
            if (echo instanceof StreamServerConfig stream) {
                return startStream(stream, instance);
            }
            throw new IllegalStateException("no server for " + echo);
        } catch (FileProblem e) {
            throw new StartFailure(e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new StartFailure("cannot listen on " + echo.where() + ": " + rootMessage(e));
        }
    }

    private static Echo startHttp(HttpServerConfig config, Instance instance, Readiness readiness) {
        StartupTuning.apply();
        HttpEchoServer server = HttpEchoServer.start(config, instance);
        readiness.onChange(server::serving); // gRPC's health service says what /readyz says
        return new Echo(
                new Listening(
                        "echo",
                        config.tls().enabled() ? "https" : "http",
                        config.host() + ":" + server.port(),
                        Listening.Limits.of(config)),
                "finishing in-flight requests (up to "
                        + config.shutdownTimeout().toMillis() + "ms)",
                server,
                server.defaultControls(),
                server::drain);
    }

    private static Echo startStream(StreamServerConfig config, Instance instance) throws IOException {
        StreamEchoServer server = StreamEchoServer.start(config, instance);
        Listening listening = config.isUnix()
                ? new Listening("echo", "unix", config.address().toString())
                : new Listening("echo", config.tls().enabled() ? "tcp+tls" : "tcp", hostPort(config, server.port()));
        return new Echo(listening, "closing connections", server, null, () -> {});
    }

    private static Echo startUdp(UdpServerConfig config, Instance instance) throws IOException {
        UdpEchoServer server = UdpEchoServer.start(config, instance);
        return new Echo(
                new Listening("echo", "udp", config.address().getHostString() + ":" + server.port()),
                "closing the socket",
                server,
                null,
                () -> {});
    }

    private static AdminServer startAdmin(
            AdminConfig config,
            ServerIdentity identity,
            Readiness readiness,
            Metrics metrics,
            Inspector inspector,
            Echo echo)
            throws Exception {
        try {
            return AdminServer.start(
                    config, identity, readiness, metrics, inspector, echo.listening(), echo.controls());
        } catch (RuntimeException e) {
            echo.server().close(); // the echo is up: it must not outlive a failed start
            throw new StartFailure(
                    "cannot listen on " + config.host() + ":" + config.port() + " (admin): " + rootMessage(e));
        }
    }

    /** A command to paste: curl, to where the server listens, trusting its certificate as it allows. */
    private String tryIt(Listening listening) {
        if (listening.transport().equals("unix")) {
            return "";
        }
        int colon = listening.address().lastIndexOf(':');
        String host = dialable(listening.address().substring(0, colon));
        String port = listening.address().substring(colon + 1);
        String at = host + ":" + port;
        return switch (listening.transport()) {
            case "http" -> " (try: curl http://" + at + "/hello)";
            case "https" -> {
                TlsConfig tls = config.echo().tls();
                String trust = tls.writeCert()
                        .map(file -> "--cacert " + file + " ")
                        .orElse(tls.mode() == TlsConfig.Mode.SELF_SIGNED ? "-k " : "");
                yield " (try: curl " + trust + "https://" + at + "/hello)";
            }
            case "tcp+tls" -> " (try: openssl s_client -quiet -connect " + at + ")";
            case "udp" -> " (try: nc -u " + udpHost(listening.address().substring(0, colon)) + " " + port + ")";
            default -> ""; // plain tcp: nc, telnet or the client, no one command to name
        };
    }

    /**
     * Where a client on this host reaches a listener bound to {@code host}: localhost for every
     * address, else that address (an IPv6 one in brackets, as URLs write it).
     */
    static String dialable(String host) {
        if (ServerConfig.isWildcard(host)) {
            return "localhost";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * The host for nc -u: UDP has no connection to fall back from ::1 to 127.0.0.1 with, so a
     * wildcard is named by its loopback address, and IPv6 without brackets.
     */
    private static String udpHost(String host) {
        if (ServerConfig.isWildcard(host)) {
            return host.contains(":") ? "::1" : "127.0.0.1";
        }
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** HOST:PORT with the port actually bound. */
    private static String hostPort(StreamServerConfig config, int boundPort) {
        return config.tcpAddress().orElseThrow().getHostString() + ":" + boundPort;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnresolvedAddressException) {
            return "the host name does not resolve to an address";
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
