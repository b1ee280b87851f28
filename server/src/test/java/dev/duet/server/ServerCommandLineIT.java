package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The jar's command line: help, version, bad input and what it says when it cannot listen. */
class ServerCommandLineIT {
    private static final Duration EXIT = Duration.ofSeconds(20);

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
        try (JarProcess p = JarProcess.start(
                "--host", "127.0.0.1", "--port", "0", "--tls", "--cert", "missing.pem", "--key", "missing.key")) {
            assertEquals(1, p.awaitExit(EXIT));
            String output = p.remainingOutput();
            assertTrue(
                    output.endsWith("duet-server: cannot listen on 127.0.0.1:0: TLS: missing.key: no such file\n"),
                    output);
        }
    }
}
