package dev.duet.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A container health check that needs nothing but the JRE already in the image (no curl there):
 * {@code java -cp duet-server.jar dev.duet.server.HealthCheck ready|http|tcp|udp|unix WHERE}. Exits 0
 * when the server answers as it should, 1 otherwise, with one line saying why. {@code ready} asks
 * the control plane's /readyz (what the images and compose use); the others check the echo itself,
 * for servers run with no control plane.
 */
public final class HealthCheck {
    private static final int TIMEOUT_MILLIS = 2_000;
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    private HealthCheck() {}

    /**
     * Arguments: {@code ready ADMIN-HOST:PORT}, {@code http HOST:PORT}, {@code tcp HOST:PORT}, {@code
     * udp HOST:PORT} or {@code unix PATH}.
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: HealthCheck ready|http|tcp|udp HOST:PORT | unix PATH");
            System.exit(2);
        }
        try {
            String problem = check(args[0], args[1]);
            if (problem != null) {
                System.err.println("unhealthy: " + problem);
                System.exit(1);
            }
        } catch (IOException e) {
            System.err.println("unhealthy: " + e);
            System.exit(1);
        }
    }

    /** Null when healthy, else what is wrong. Docker's own health-check timeout bounds a Unix socket that hangs. */
    static String check(String transport, String where) throws IOException {
        switch (transport) {
            case "ready" -> {
                String answer = get(where, "/readyz");
                return answer.startsWith("HTTP/1.1 200 ") && answer.endsWith("\r\n\r\nready\n")
                        ? null
                        : "not ready: " + answer.lines().findFirst().orElse("(nothing)");
            }
            case "http" -> {
                String answer = get(where, "/healthz");
                return answer.startsWith("HTTP/1.1 200 ") && answer.endsWith("\r\n\r\n/healthz")
                        ? null
                        : "unexpected answer: " + answer.lines().findFirst().orElse("(nothing)");
            }
            case "tcp" -> {
                try (Socket socket = connect(where)) {
                    return echo(socket.getInputStream(), socket.getOutputStream());
                }
            }
            case "udp" -> {
                // one datagram and its echo: UDP has no connection to try first
                try (DatagramSocket socket = new DatagramSocket()) {
                    socket.connect(address(where));
                    socket.setSoTimeout(TIMEOUT_MILLIS);
                    socket.send(new DatagramPacket(PING, PING.length));
                    DatagramPacket answer = new DatagramPacket(new byte[PING.length + 1], PING.length + 1);
                    socket.receive(answer);
                    return echoed(Arrays.copyOf(answer.getData(), answer.getLength()));
                }
            }
            case "unix" -> {
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(Path.of(where)));
                    return echo(Channels.newInputStream(channel), Channels.newOutputStream(channel));
                }
            }
            default -> {
                return "unknown transport " + transport;
            }
        }
    }

    /** The whole answer to a GET of {@code path}, head and body. */
    private static String get(String hostPort, String path) throws IOException {
        try (Socket socket = connect(hostPort)) {
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: " + hostPort + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static Socket connect(String hostPort) throws IOException {
        Socket socket = new Socket();
        socket.connect(address(hostPort), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static String echo(InputStream in, OutputStream out) throws IOException {
        out.write(PING);
        out.flush();
        return echoed(in.readNBytes(PING.length));
    }

    private static String echoed(byte[] answer) {
        return Arrays.equals(answer, PING) ? null : "the echo was " + Arrays.toString(answer);
    }
}
