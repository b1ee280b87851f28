package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.common.Openssl;
import dev.duet.common.Pem;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's command line: help, version, bad input, and what it says when it cannot listen or use a file. */
class ServerCommandLineIT {
    private static final Duration EXIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        try (JarProcess p = JarProcess.start("--help")) {
            assertEquals(0, p.awaitExit(EXIT));
            assertEquals(Main.OVERVIEW, p.remainingOutput());
        }
    }

    @Test
    void versionPrintsTheVersionAndExitsZero() throws Exception {
        try (JarProcess p = JarProcess.start("--version")) {
            assertEquals(0, p.awaitExit(EXIT));
            assertTrue(p.remainingOutput().matches("duet-server \\d+\\.\\d+\\.\\d+.*\n"));
        }
    }

    @Test
    void unknownFlagSaysWhatIsWrongThenUsageAndExitsTwo() throws Exception {
        try (JarProcess p = JarProcess.start("--prot", "80")) {
            assertEquals(2, p.awaitExit(EXIT));
            assertEquals(
                    "duet-server: unknown option \"--prot\"\nTry \"duet-server http --help\".\n", p.remainingOutput());
        }
    }

    @Test
    void badPortExitsTwo() throws Exception {
        try (JarProcess p = JarProcess.start("--port", "99999")) {
            assertEquals(2, p.awaitExit(EXIT));
            assertTrue(p.remainingOutput()
                    .startsWith("duet-server: --port: expected a port number (0-65535), got \"99999\"\n"));
        }
    }

    @Test
    void aPortInUseIsOneClearLineAndExitOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                JarProcess p =
                        JarProcess.start("--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()))) {
            assertEquals(1, p.awaitExit(EXIT));
            String output = p.remainingOutput();
            assertTrue(
                    output.startsWith("duet-server: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "),
                    output);
            assertTrue(output.toLowerCase().contains("address already in use"), output);
        }
    }

    @Test
    void anAdminPortInUseIsTheOneLinePrintedNoListeningLineBeforeIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                JarProcess p = JarProcess.start(
                        "--host", "127.0.0.1", "--port", "0", "--admin-port", String.valueOf(taken.getLocalPort()))) {
            assertEquals(1, p.awaitExit(EXIT));
            assertEquals(
                    "duet-server: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + " (admin): Address already in use\n",
                    p.remainingOutput());
        }
    }

    @Test
    void anAdminPortThatIsTheEchoPortIsAUsageErrorExitTwo() throws Exception {
        try (JarProcess p = JarProcess.start("--port", "18888", "--admin-port", "18888")) {
            assertEquals(2, p.awaitExit(EXIT));
            assertEquals(
                    "duet-server: --admin-port 18888 is the echo's --port too; give the control plane a port of its"
                            + " own (or off)\nTry \"duet-server http --help\".\n",
                    p.remainingOutput());
        }
    }

    @Test
    void theLinesToTryDialTheAddressListenedOn() throws Exception {
        try (JarProcess p = JarProcess.start("--host", "127.0.0.1", "--port", "0", "--admin-port", "0")) {
            String echo = p.awaitLine(l -> l.contains(" http listening on "), EXIT);
            int port = Integer.parseInt(echo.replaceAll(".* listening on 127\\.0\\.0\\.1:(\\d+) .*", "$1"));
            assertTrue(echo.endsWith(" (try: curl http://127.0.0.1:" + port + "/hello)"), echo);
            String admin = p.awaitLine(l -> l.contains(" admin listening on "), EXIT);
            int adminPort = Integer.parseInt(admin.replaceAll(".* listening on 127\\.0\\.0\\.1:(\\d+) .*", "$1"));
            assertTrue(admin.endsWith(" (try: curl http://127.0.0.1:" + adminPort + "/metrics)"), admin);
        }
    }

    @Test
    void aCertificateWithoutItsKeyIsAUsageErrorExitTwo() throws Exception {
        try (JarProcess p = JarProcess.start("--cert", "server.pem")) {
            assertEquals(2, p.awaitExit(EXIT));
            assertTrue(
                    p.remainingOutput()
                            .startsWith(
                                    "duet-server: TLS needs --cert FILE and --key FILE (PEM), or --tls self-signed\n"),
                    "usage line");
        }
    }

    @Test
    void aMissingCertificateFileIsOneLineNamingItAndExitOne() throws Exception {
        assertRefused(
                "duet-server: --key missing.key: no such file",
                "--tls",
                "--cert",
                "missing.pem",
                "--key",
                "missing.key");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtStartNamingBothFiles() throws Exception {
        Openssl openssl = new Openssl(dir);
        openssl.ca();
        Path cert = openssl.signed("server", "/CN=duet server", false);
        openssl.run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "other.key");
        Path other = openssl.file("other.key");
        assertRefused(
                "duet-server: --key " + other + " is not the private key of the certificate in --cert " + cert,
                "--cert",
                cert.toString(),
                "--key",
                other.toString());
        // an RSA key for an EC certificate is no better
        openssl.run("genrsa", "-traditional", "-out", "rsa.key", "2048");
        assertRefused(
                "duet-server: --key " + openssl.file("rsa.key")
                        + " is not the private key of the certificate in --cert " + cert,
                "--cert",
                cert.toString(),
                "--key",
                openssl.file("rsa.key").toString());
    }

    @Test
    void aClientCaFileWithoutACertificateIsRefusedAtStart() throws Exception {
        Path key = Files.writeString(
                dir.resolve("ca.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertRefused(
                "duet-server: --client-ca " + key + " holds no certificate (BEGIN CERTIFICATE)",
                "--tls",
                "self-signed",
                "--client-ca",
                key.toString());
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertRefused(
                "duet-server: --client-ca " + empty + " holds no certificate (BEGIN CERTIFICATE)",
                "--tls",
                "self-signed",
                "--client-ca",
                empty.toString());
    }

    @Test
    void anEncryptedEcKeyGetsTheHintAnUnencryptedOneGets() throws Exception {
        Openssl openssl = new Openssl(dir);
        openssl.ca();
        Path cert = openssl.signed("server", "/CN=duet server", false);
        openssl.run("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "ec.key");
        openssl.run("ec", "-in", "ec.key", "-aes128", "-passout", "pass:secret", "-out", "encrypted.key");
        for (String name : new String[] {"ec.key", "encrypted.key"}) {
            Path key = openssl.file(name);
            assertRefused(
                    "duet-server: --key " + key + " holds an " + (name.equals("ec.key") ? "" : "encrypted ")
                            + "EC PRIVATE KEY; convert it: openssl pkcs8 -topk8 -nocrypt -in " + key + " -out key.pem",
                    "--cert",
                    cert.toString(),
                    "--key",
                    key.toString());
        }
    }

    @Test
    void pathsInAMissingDirectorySayWhichDirectory() throws Exception {
        Path missing = dir.resolve("nodir");
        assertRefused(
                "duet-server: --write-cert " + missing.resolve("x.pem") + ": no such directory: " + missing,
                "--tls",
                "self-signed",
                "--write-cert",
                missing.resolve("x.pem").toString());
        assertRefused(
                "duet-server: --path " + missing.resolve("x.sock") + ": no such directory: " + missing,
                "unix",
                "--path",
                missing.resolve("x.sock").toString());
        Path file = Files.writeString(dir.resolve("a-file"), "");
        assertRefused(
                "duet-server: --write-cert " + file.resolve("x.pem") + ": not a directory: " + file,
                "--tls",
                "self-signed",
                "--write-cert",
                file.resolve("x.pem").toString());
    }

    @Test
    void writeCertReplacesOnlyAFileItWroteUnlessForced() throws Exception {
        Path mine = Files.writeString(dir.resolve("client.pem"), "a user's own certificate\n");
        assertRefused(
                "duet-server: --write-cert " + mine + ": the file exists and duet-server did not write it; choose"
                        + " another file, or add --write-cert-force to replace it",
                "--tls",
                "self-signed",
                "--write-cert",
                mine.toString());
        assertEquals("a user's own certificate\n", Files.readString(mine), "left as it was");

        Path written = dir.resolve("served.pem");
        for (int run = 0; run < 2; run++) {
            try (JarProcess p = writingCertTo(written)) {
                String first = p.awaitLine(l -> l.contains("TLS: replacing") || l.contains(" listening on "), EXIT);
                assertTrue(
                        run == 0
                                ? first.contains(" listening on ")
                                : first.endsWith("INFO duet-server - TLS: replacing " + written
                                        + ", a certificate an earlier run wrote"),
                        first);
                p.terminate();
                assertEquals(0, p.awaitExit(EXIT));
            }
        }
        assertTrue(Files.readString(written).startsWith("# written by duet-server --write-cert (SHA-256 "));
        assertEquals(1, Pem.certificates(written).size(), "readable as PEM, the first line notwithstanding");

        try (JarProcess p = writingCertTo(mine, "--write-cert-force")) {
            String replacing = p.awaitLine(l -> l.contains("TLS: replacing"), EXIT);
            assertTrue(
                    replacing.endsWith("INFO duet-server - TLS: replacing " + mine + ", as --write-cert-force asks"),
                    replacing);
            p.awaitPort();
        }
        assertEquals(1, Pem.certificates(mine).size());
    }

    private static JarProcess writingCertTo(Path file, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--host", "127.0.0.1", "--port", "0", "--admin-port", "off", "--tls", "self-signed", "--write-cert"));
        args.add(file.toString());
        args.addAll(List.of(more));
        return JarProcess.start(args.toArray(String[]::new));
    }

    /** The jar, run with these arguments, exits 1 with {@code line} last and never says it listens. */
    private static void assertRefused(String line, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--admin-port", "off"));
        if (args[0].equals("unix")) {
            all = new ArrayList<>(List.of("unix"));
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        all.addAll(List.of(args));
        try (JarProcess p = JarProcess.start(all.toArray(String[]::new))) {
            assertEquals(1, p.awaitExit(EXIT));
            String output = p.remainingOutput();
            assertTrue(output.endsWith("\n" + line + "\n") || output.equals(line + "\n"), output);
            assertFalse(output.contains("listening"), output);
        }
    }
}
