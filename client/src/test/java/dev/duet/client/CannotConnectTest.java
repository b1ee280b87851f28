package dev.duet.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A connection that cannot be made is exit 7 in every command, for every cause the kernel gives:
 * refused, network unreachable, or no answer to the SYN before --timeout. The routes are real: the
 * kernel refuses TCP to a multicast address outright (ENETUNREACH, as with no route at all), and
 * drops the SYNs a listener with a full accept queue cannot take.
 */
class CannotConnectTest {
    /** A multicast address: the kernel never connects TCP to one, so "Network is unreachable". */
    private static final String UNREACHABLE = "224.0.0.1:9";

    private static final String LINE = "duet-client: cannot connect to " + UNREACHABLE + ": network is unreachable\n";

    @Test
    void anUnreachableNetworkIsExitSevenForGetWsAndTcp() {
        assertEquals(new ClientRun.Result(7, "", LINE), ClientRun.run(UNREACHABLE + "/x"));
        assertEquals(new ClientRun.Result(7, "", LINE), ClientRun.run("ws", "ws://" + UNREACHABLE + "/x"));
        assertEquals(new ClientRun.Result(7, "", LINE), ClientRun.run("tcp", UNREACHABLE));
    }

    @Test
    void anUnreachableNetworkIsExitSevenForEveryBench() {
        for (List<String> bench : List.of(
                List.of("bench", "http://" + UNREACHABLE + "/x"),
                List.of("bench", "http://" + UNREACHABLE + "/x", "--http2"),
                List.of("bench", "tcp", UNREACHABLE))) {
            List<String> args = new ArrayList<>(bench);
            args.addAll(List.of("--concurrency", "2", "--duration", "200ms"));
            ClientRun.Result r = ClientRun.run(args.toArray(String[]::new));
            assertEquals(7, r.exitCode(), bench + ": " + r.out() + r.err());
            // every attempt counted, as unreachable, retried every 10 ms rather than spun on
            Matcher errors = Pattern.compile("\nerrors: ([\\d,]+) \\(unreachable ([\\d,]+); first: cannot connect to "
                            + Pattern.quote(UNREACHABLE) + ": network is unreachable\\)\n")
                    .matcher(r.out());
            assertTrue(errors.find(), bench + ": " + r.out());
            assertEquals(errors.group(1), errors.group(2));
            long attempts = Long.parseLong(errors.group(1).replace(",", ""));
            assertTrue(attempts >= 2 && attempts <= 2 * (200 / 10 + 2), bench + ": " + r.out());
            assertEquals(
                    LINE.replace("\n", " (all " + errors.group(1) + " attempts failed)\n"), r.err(), bench.toString());
        }
    }

    @Test
    void aConnectThatTimesOutIsExitSevenNotTwentyEight() throws Exception {
        try (FullListener full = new FullListener()) {
            String line = "duet-client: cannot connect to " + full.address() + " within 300ms (timeout)\n";
            assertEquals(new ClientRun.Result(7, "", line), ClientRun.run(full.address() + "/x", "--timeout", "300ms"));
            assertEquals(new ClientRun.Result(7, "", line), ClientRun.run("tcp", full.address(), "--timeout", "300ms"));
            assertEquals(
                    new ClientRun.Result(7, "", line),
                    ClientRun.run("ws", "ws://" + full.address() + "/x", "--timeout", "300ms"));
        }
    }

    /** A loopback listener whose accept queue is full: the kernel drops every further SYN. */
    private static final class FullListener implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final List<Socket> queued = new ArrayList<>();

        FullListener() throws IOException {
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(listener.getLocalSocketAddress(), 200);
                    queued.add(socket);
                } catch (SocketTimeoutException full) {
                    socket.close();
                    return;
                }
            }
            throw new IllegalStateException("16 connections and the accept queue is still not full");
        }

        String address() {
            return "127.0.0.1:" + listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : queued) {
                socket.close();
            }
            listener.close();
        }
    }
}
