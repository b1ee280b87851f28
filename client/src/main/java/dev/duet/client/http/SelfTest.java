package dev.duet.client.http;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.common.Arguments;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code duet-client self-test}: one GET, through the same code as any other, to a throwaway
 * responder on a loopback port of its own. It shows the client works on this machine with no
 * server to hand, and it is the training run that {@code bin/duet-client} and the client image
 * record their class archives from: every class a real request loads, the answer's included.
 */
public final class SelfTest {
    static final String PATH = "/self-test";

    private SelfTest() {}

    public static void run(PrintStream out, PrintStream err) throws IOException, InterruptedException, Failure {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread responder = new Thread(() -> answerOnce(listener), "self-test-responder");
            responder.setDaemon(true);
            responder.start();
            String url = "http://127.0.0.1:" + listener.getLocalPort() + PATH;
            Arguments arguments = Arguments.parse(ClientOptions.GET, List.of(url, "--timeout", "5s"), Map.of());
            new GetCommand(GetConfig.from(arguments), out, err).run();
        }
    }

    /** Reads one request's head and answers as Duet's server would, with its request target. */
    private static void answerOnce(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            InputStream in = socket.getInputStream();
            int last4 = 0;
            for (int b; last4 != 0x0d0a0d0a && (b = in.read()) >= 0; ) {
                last4 = (last4 << 8) | b; // the head ends at CR LF CR LF
            }
            byte[] body = PATH.getBytes(StandardCharsets.US_ASCII);
            OutputStream response = socket.getOutputStream();
            response.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            response.write(body);
            response.flush();
        } catch (IOException e) {
            // the client side reports what went wrong
        }
    }
}
