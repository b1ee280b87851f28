package dev.duet.client.http;

import dev.duet.common.LogText;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.util.Locale;
import okhttp3.Connection;
import okhttp3.Handshake;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code -v}: each request head as sent and each answer head as received, to stderr, as curl -v
 * shows them ({@code *} the connection, {@code >} sent, {@code <} received); every hop of a -L.
 * Text from the network is escaped, and credentials are hidden: the value of Authorization and
 * Proxy-Authorization after its scheme, and the value of each cookie in Cookie and Set-Cookie.
 */
final class VerboseLog implements Interceptor {
    private static final String HIDDEN = "***";

    private final PrintStream err;
    private Connection shown;

    VerboseLog(PrintStream err) {
        this.err = err;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Connection connection = chain.connection();
        synchronized (this) {
            if (connection != null && connection != shown) {
                connected(request.url(), connection);
                shown = connection;
            }
            line("> " + request.method() + " " + target(request.url()) + " "
                    + protocol(connection == null ? Protocol.HTTP_1_1 : connection.protocol()));
            headers("> ", request.headers());
            line(">");
        }
        Response response = chain.proceed(request);
        synchronized (this) {
            line("< " + protocol(response.protocol()) + " " + response.code()
                    + (response.message().isEmpty() ? "" : " " + response.message()));
            headers("< ", response.headers());
            line("<");
        }
        return response;
    }

    private void connected(HttpUrl url, Connection connection) {
        Socket socket = connection.socket();
        line("* connected to " + url.host() + " (" + socket.getInetAddress().getHostAddress() + ") port "
                + socket.getPort());
        Handshake handshake = connection.handshake();
        if (handshake != null) {
            line("* TLS: " + handshake.tlsVersion().javaName() + ", "
                    + handshake.cipherSuite().javaName());
        }
    }

    private void headers(String prefix, Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            line(prefix + headers.name(i) + ": " + shown(headers.name(i), headers.value(i)));
        }
    }

    private void line(String text) {
        err.println(LogText.escape(text, 8192));
    }

    /** The value as -v shows it: credentials hidden, what a reader needs to debug kept. */
    static String shown(String name, String value) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "authorization", "proxy-authorization" -> {
                int space = value.indexOf(' ');
                return space < 0 ? HIDDEN : value.substring(0, space) + " " + HIDDEN; // "Basic ***"
            }
            case "cookie" -> {
                StringBuilder cookies = new StringBuilder();
                for (String cookie : value.split(";")) {
                    cookies.append(cookies.length() == 0 ? "" : "; ").append(hideValue(cookie.trim()));
                }
                return cookies.toString();
            }
            case "set-cookie" -> {
                int attributes = value.indexOf(';');
                return attributes < 0
                        ? hideValue(value)
                        : hideValue(value.substring(0, attributes)) + value.substring(attributes);
            }
            default -> {
                return value;
            }
        }
    }

    /** {@code name=***}: a cookie's name says which it is, its value is the secret. */
    private static String hideValue(String cookie) {
        int equals = cookie.indexOf('=');
        return equals < 0 ? HIDDEN : cookie.substring(0, equals + 1) + HIDDEN;
    }

    private static String target(HttpUrl url) {
        String query = url.encodedQuery();
        return url.encodedPath() + (query == null ? "" : "?" + query);
    }

    /** As curl names them: HTTP/1.1, HTTP/2. */
    private static String protocol(Protocol protocol) {
        return protocol == Protocol.HTTP_1_1 ? "HTTP/1.1" : protocol == Protocol.HTTP_1_0 ? "HTTP/1.0" : "HTTP/2";
    }
}
