package dev.duet.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keys and certificates made by openssl, a peer nobody here wrote: a CA, a server certificate for
 * localhost and a client certificate it signed, in the forms users bring (PKCS#8, PKCS#1 RSA).
 */
public final class Openssl {
    private final Path dir;

    public Openssl(Path dir) {
        this.dir = dir;
    }

    /** Runs openssl with these arguments in the directory; its output, or a failure saying why. */
    public String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), "openssl " + String.join(" ", arguments) + ":\n" + output);
        return output;
    }

    /** ca.pem and ca.key: a CA to sign with. */
    public Path ca() throws Exception {
        return selfSigned("ca", "/CN=Duet Test CA");
    }

    /** NAME.pem and NAME.key: a self-signed certificate for the host name {@code name} alone. */
    public Path selfSignedFor(String name) throws Exception {
        return selfSigned(name, "/CN=" + name, "-addext", "subjectAltName=DNS:" + name);
    }

    private Path selfSigned(String file, String subject, String... extensions) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "2",
                "-subj",
                subject,
                "-keyout",
                file + ".key",
                "-out",
                file + ".pem"));
        arguments.addAll(List.of(extensions));
        run(arguments.toArray(String[]::new));
        return dir.resolve(file + ".pem");
    }

    /**
     * NAME.pem and NAME.key, signed by the CA, for localhost and 127.0.0.1; the key as PKCS#8
     * (EC) or, with {@code rsaPkcs1}, as "BEGIN RSA PRIVATE KEY".
     */
    public Path signed(String name, String subject, boolean rsaPkcs1) throws Exception {
        if (rsaPkcs1) {
            run("genrsa", "-traditional", "-out", name + ".key", "2048");
        } else {
            run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
        }
        run("req", "-new", "-key", name + ".key", "-subj", subject, "-out", name + ".csr");
        Files.writeString(
                dir.resolve(name + ".ext"),
                "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n");
        run(
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                name + ".ext",
                "-out",
                name + ".pem");
        return dir.resolve(name + ".pem");
    }

    /** A CA, a server certificate for localhost and a client certificate ("CN=duet client,O=Duet"), all EC keys. */
    public record MutualTls(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
        /** The server's TLS flags: its certificate and key, and the CA its clients must be signed by. */
        public List<String> serverFlags() {
            return List.of(
                    "--cert", serverCert.toString(), "--key", serverKey.toString(), "--client-ca", ca.toString());
        }
    }

    public MutualTls mutualTls() throws Exception {
        Path ca = ca();
        Path server = signed("server", "/CN=duet server", false);
        Path client = signed("client", "/O=Duet/CN=duet client", false);
        return new MutualTls(ca, server, file("server.key"), client, file("client.key"));
    }

    public Path file(String name) {
        return dir.resolve(name);
    }
}
