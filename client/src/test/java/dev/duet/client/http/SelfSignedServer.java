package dev.duet.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server with a certificate nobody trusts, made by the JDK's keytool, that completes
 * handshakes and answers nothing more: for the client's "untrusted certificate" path.
 */
final class SelfSignedServer implements AutoCloseable {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final SSLServerSocket listener;
    private final Path dir;

    private SelfSignedServer(SSLServerSocket listener, Path dir) {
        this.listener = listener;
        this.dir = dir;
    }

    static SelfSignedServer start() throws Exception {
        Path dir = Files.createTempDirectory("duet-tls");
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(ProcessHandle.current().info().command().orElseThrow())
                .resolveSibling("keytool")
                .toString();
        Process make = new ProcessBuilder(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(make.getInputStream().readAllBytes());
        if (!make.waitFor(60, TimeUnit.SECONDS) || make.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        SSLServerSocket listener = (SSLServerSocket)
                tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SelfSignedServer server = new SelfSignedServer(listener, dir);
        Thread thread = new Thread(server::handshakeOnce, "self-signed-server");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void handshakeOnce() {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
            socket.startHandshake();
        } catch (IOException expected) {
            // the client refuses the certificate: that is the point
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
