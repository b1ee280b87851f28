package dev.duet.server.http;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Request;

/**
 * X-Duet-Fault's close and reset: ends the TCP connection a request came over, under whatever
 * runs on it (TLS, HTTP/2: every stream on it ends too), so the client meets the failure it
 * wants to test.
 */
final class ConnectionFault {
    private ConnectionFault() {}

    /** Closes the connection: the client reads the end of the stream where the answer should be. */
    static void close(Request request) {
        socket(request).close();
    }

    /** Resets the connection: a zero linger makes the close send RST, as a crashed peer's would. */
    static void reset(Request request) {
        EndPoint socket = socket(request);
        if (socket.getTransport() instanceof SocketChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException e) {
                // already closing: the client sees the end either way
            }
        }
        socket.close();
    }

    private static EndPoint socket(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        while (endPoint instanceof SslConnection.SslEndPoint tls) {
            endPoint = tls.getSslConnection().getEndPoint();
        }
        return endPoint;
    }
}
