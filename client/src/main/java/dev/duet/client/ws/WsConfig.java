package dev.duet.client.ws;

import static dev.duet.client.ClientOptions.COUNT;
import static dev.duet.client.ClientOptions.MESSAGE;
import static dev.duet.client.ClientOptions.TIMEOUT;
import static dev.duet.client.ClientOptions.WS_URL;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.client.Repetition;
import dev.duet.client.http.ClientTls;
import dev.duet.client.http.ShownUrl;
import dev.duet.common.Arguments;
import dev.duet.common.LogText;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * One {@code duet-client ws} run: the WebSocket to open, what to send, how often, how many times.
 * The values of {@link ClientOptions#WS}.
 *
 * @param url   the WebSocket's URL, as the http or https URL its upgrade request goes to
 * @param shown the URL as a ws:// or wss:// one (password hidden), for messages
 * @param count how many messages; empty means until interrupted
 */
public record WsConfig(
        HttpUrl url,
        String shown,
        String message,
        Duration interval,
        Optional<Integer> count,
        Duration timeout,
        ClientTls tls) {

    public static WsConfig from(Arguments a) throws Failure {
        return parse(a, Repetition.interval(a), Repetition.count(a, COUNT));
    }

    private static WsConfig parse(Arguments a, Duration interval, Optional<Integer> count) throws Failure {
        HttpUrl url = parse(a.get(WS_URL));
        String http = ShownUrl.of(url);
        return new WsConfig(
                url,
                (url.isHttps() ? "wss" : "ws") + http.substring(http.indexOf(':')),
                a.get(MESSAGE),
                interval,
                count,
                a.get(TIMEOUT),
                ClientTls.from(a));
    }

    /** A socket for {@code bench ws}, whose pace and count are the load's: the URL, message, timeout and TLS. */
    public static WsConfig forLoad(Arguments a) throws Failure {
        return parse(a, Duration.ZERO, Optional.empty());
    }

    /** ws:// and wss://, the scheme may be left out (ws is taken); http:// and https:// are the same sockets. */
    static HttpUrl parse(String text) throws Failure {
        String lower = text.toLowerCase(Locale.ROOT);
        String http = lower.startsWith("ws://")
                ? "http://" + text.substring(5)
                : lower.startsWith("wss://")
                        ? "https://" + text.substring(6)
                        : text.contains("://") ? text : "http://" + text;
        HttpUrl url = HttpUrl.parse(http);
        if (url == null) {
            throw new Failure(
                    Failure.Kind.MALFORMED_URL, "not a valid ws or wss URL: " + LogText.quote(ShownUrl.of(text)));
        }
        return url;
    }
}
