package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.common.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The running jar: its access log, and a graceful stop on SIGTERM. */
class ServerLifecycleIT {

    @Test
    void logsOneEscapedLinePerRequest() throws Exception {
        try (JarProcess p = JarProcess.start("--host", "127.0.0.1", "--port", "0", "--admin-port", "0")) {
            int port = p.awaitPort();
            // U+0085 (NEL) and U+2028 are valid UTF-8 in a target and break lines in some viewers
            byte[] target = "/a\u0085INFO-forged\u2028x".getBytes(StandardCharsets.UTF_8);
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write("GET ".getBytes(StandardCharsets.US_ASCII));
                out.write(target);
                out.write(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().readAllBytes();
            }
            String line = p.awaitLine(l -> l.contains(" access "), Duration.ofSeconds(10));
            assertTrue(
                    line.matches(
                            ".* INFO access - GET /a\\\\x85INFO-forged\\\\u2028x 200 127\\.0\\.0\\.1:\\d+ \\d+\\.\\dms"),
                    line);
        }
    }

    @Test
    void setsTheHeapToShrinkAfterThreeQuietSeconds() throws Exception {
        try (JarProcess p = JarProcess.start("--host", "127.0.0.1", "--port", "0", "--admin-port", "0")) {
            p.awaitPort();
            // set on a background thread after start-up, with no line of its own: ask the JVM
            String jcmd =
                    Path.of(JarProcess.javaBinary()).resolveSibling("jcmd").toString();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String flags;
            do {
                Process q = new ProcessBuilder(jcmd, Long.toString(p.pid()), "VM.flags")
                        .redirectErrorStream(true)
                        .start();
                flags = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                q.waitFor();
            } while (!flags.contains("-XX:MaxHeapFreeRatio=") && System.nanoTime() < deadline);
            assertTrue(flags.contains("-XX:G1PeriodicGCInterval=3000"), flags);
            assertTrue(flags.contains("-XX:MinHeapFreeRatio=10"), flags);
            assertTrue(flags.contains("-XX:MaxHeapFreeRatio=30"), flags);
        }
    }

    @Test
    void sigtermFinishesTheRequestInFlightRefusesNewOnesAndExitsZero() throws Exception {
        try (JarProcess p = JarProcess.start(
                "--host", "127.0.0.1", "--port", "0", "--admin-port", "0", "--shutdown-timeout", "20s")) {
            int port = p.awaitPort();
            try (Socket inFlight = new Socket("127.0.0.1", port)) {
                inFlight.setSoTimeout(20_000);
                OutputStream out = inFlight.getOutputStream();
                InputStream in = inFlight.getInputStream();
                out.write(("POST /slow HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nContent-Length: 10\r\n"
                                + "Expect: 100-continue\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // "100 Continue" means the server has begun reading the body: the request is in flight
                assertEquals("HTTP/1.1 100 Continue\r\n\r\n", readExactly(in, 25));

                p.terminate();
                p.awaitLine(l -> l.contains("SIGTERM received"), Duration.ofSeconds(10));
                awaitRefused(port);

                out.write("helloworld".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
                assertTrue(answer.contains("\"body\":\"helloworld\""), answer);
            }
            assertEquals(0, p.awaitExit(Duration.ofSeconds(20)));
            assertTrue(p.remainingOutput().contains("INFO duet-server - stopped"));
        }
    }

    @Test
    void uploadsWhoseBodiesComeLateAfterSigtermStillFinishWithinTheShutdownTimeout() throws Exception {
        try (JarProcess p = JarProcess.start(
                "--host", "127.0.0.1", "--port", "0", "--admin-port", "0", "--shutdown-timeout", "20s")) {
            int port = p.awaitPort();
            List<Socket> uploads = new ArrayList<>();
            try {
                for (String accept : List.of("text/plain", "application/json", "text/plain")) {
                    Socket upload = new Socket("127.0.0.1", port);
                    uploads.add(upload);
                    upload.setSoTimeout(30_000);
                    upload.getOutputStream()
                            .write(("POST /late/" + uploads.size() + " HTTP/1.1\r\nHost: x\r\nAccept: " + accept
                                            + "\r\nContent-Length: 10\r\nExpect: 100-continue\r\n"
                                            + "Connection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    // "100 Continue": the server is reading this body, so the request is in flight
                    assertEquals("HTTP/1.1 100 Continue\r\n\r\n", readExactly(upload.getInputStream(), 25));
                }
                p.terminate();
                p.awaitLine(l -> l.contains("SIGTERM received"), Duration.ofSeconds(10));
                Thread.sleep(2_000); // the subject of the test: bodies that arrive 2 s after the signal
                for (Socket upload : uploads) {
                    upload.getOutputStream().write("0123456789".getBytes(StandardCharsets.US_ASCII));
                }
                for (int i = 0; i < uploads.size(); i++) {
                    String answer = new String(uploads.get(i).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
                    assertTrue(
                            answer.contains(i == 1 ? "\"body\":\"0123456789\"" : "\r\n\r\n/late/" + (i + 1)), answer);
                }
            } finally {
                for (Socket upload : uploads) {
                    upload.close();
                }
            }
            assertEquals(0, p.awaitExit(Duration.ofSeconds(20)));
        }
    }

    @Test
    void aKeptAliveConnectionWithNothingInFlightDoesNotHoldTheStop() throws Exception {
        try (JarProcess p = JarProcess.start(
                        "--host", "127.0.0.1", "--port", "0", "--admin-port", "0", "--shutdown-timeout", "30s");
                Socket idle = new Socket("127.0.0.1", p.awaitPort())) {
            idle.setSoTimeout(30_000);
            idle.getOutputStream().write("GET /once HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(new String(idle.getInputStream().readNBytes(15), StandardCharsets.US_ASCII)
                    .startsWith("HTTP/1.1 200 OK"));
            long signalled = System.nanoTime();
            p.terminate();
            assertEquals(0, p.awaitExit(Duration.ofSeconds(20)));
            long took = Duration.ofNanos(System.nanoTime() - signalled).toMillis();
            assertTrue(took < 10_000, "the stop took " + took + " ms of a 30 s timeout, with nothing in flight");
        }
    }

    @Test
    void aRequestStillInFlightWhenTheTimeoutRunsOutIsCutOffAndTheStopIsClean() throws Exception {
        try (JarProcess p = JarProcess.start(
                        "--host", "127.0.0.1", "--port", "0", "--admin-port", "0", "--shutdown-timeout", "500ms");
                Socket stuck = new Socket("127.0.0.1", p.awaitPort())) {
            stuck.getOutputStream()
                    .write(("POST /never HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", readExactly(stuck.getInputStream(), 25));
            // a body that trickles in, a byte every 100 ms, is never idle: only the shutdown timeout ends it
            Thread trickle = new Thread(() -> {
                try {
                    while (true) {
                        stuck.getOutputStream().write('x');
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException ended) {
                    // the server cut the connection off: the point of the test
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            p.terminate();
            assertEquals(0, p.awaitExit(Duration.ofSeconds(20)));
            String output = p.remainingOutput();
            assertTrue(
                    output.contains("WARN duet-server - requests still in flight when the shutdown timeout ran out were"
                            + " cut off\n"),
                    output);
            assertTrue(output.endsWith("INFO duet-server - stopped\n"), output);
        }
    }

    /** New connections are refused once the listener closes: no line announces it. */
    private static void awaitRefused(int port) throws Exception {
        Await.until("connections to " + port + " refused", Duration.ofSeconds(10), () -> refused(port), r -> r);
    }

    private static boolean refused(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }

    private static String readExactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        assertFalse(bytes.length < n, "connection closed early");
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
