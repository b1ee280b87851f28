package dev.duet.client.diff;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What the client really put on the wire: an OkHttp network interceptor sees the request after
 * OkHttp added its own headers (Host, Connection, Accept-Encoding, User-Agent, Content-Length),
 * with the connection it goes out on. Over HTTP/2, names go lower-case and the connection-specific
 * headers are dropped, as OkHttp's HTTP/2 codec does.
 */
final class WireRecorder implements Interceptor {
    /** What OkHttp's HTTP/2 codec leaves out (RFC 9113 §8.2.2); "te" stays only as "trailers". */
    private static final Set<String> NOT_ON_HTTP2 =
            Set.of("connection", "host", "keep-alive", "proxy-connection", "transfer-encoding", "encoding", "upgrade");

    private volatile Request request;
    private volatile Connection connection;

    @Override
    public Response intercept(Chain chain) throws IOException {
        request = chain.request();
        connection = chain.connection();
        return chain.proceed(chain.request());
    }

    /** The request as sent, its body of {@code bodyBytes} with this SHA-256; null if none was sent. */
    RequestView sent(long bodyBytes, String bodySha256) {
        Request sent = request;
        Connection on = connection;
        if (sent == null || on == null) {
            return null;
        }
        boolean http2 = on.protocol() == Protocol.HTTP_2 || on.protocol() == Protocol.H2_PRIOR_KNOWLEDGE;
        List<RequestView.Header> headers = new ArrayList<>();
        if (http2) {
            headers.add(new RequestView.Header("Host", sent.header("Host")));
        }
        for (int i = 0; i < sent.headers().size(); i++) {
            String name = sent.headers().name(i);
            String value = sent.headers().value(i);
            if (!http2) {
                headers.add(new RequestView.Header(name, value));
            } else if (!NOT_ON_HTTP2.contains(name.toLowerCase(Locale.ROOT))
                    && !(name.equalsIgnoreCase("te") && !value.equals("trailers"))) {
                headers.add(new RequestView.Header(name.toLowerCase(Locale.ROOT), value));
            }
        }
        String target = sent.url().encodedPath()
                + (sent.url().encodedQuery() == null ? "" : "?" + sent.url().encodedQuery());
        Socket socket = on.socket();
        String host = sent.url().host();
        boolean ipLiteral = host.contains(":") || host.matches("[0-9.]+");
        return new RequestView(
                sent.method(),
                target,
                http2 ? "HTTP/2" : "HTTP/1.1",
                on.handshake() != null,
                on.handshake() == null ? null : on.handshake().tlsVersion().javaName(),
                on.handshake() == null || ipLiteral ? null : host, // OkHttp names no IP address by SNI
                headers,
                Set.of(),
                bodyBytes,
                bodySha256,
                Addresses.format(socket.getLocalAddress().getHostAddress(), socket.getLocalPort()));
    }
}
