package dev.duet.client.limits;

import static dev.duet.client.ClientOptions.HEADER;
import static dev.duet.client.ClientOptions.LIMITS_JSON;
import static dev.duet.client.ClientOptions.MAX_BODY;
import static dev.duet.client.ClientOptions.MAX_HEADERS;
import static dev.duet.client.ClientOptions.MAX_HEADER_SIZE;
import static dev.duet.client.ClientOptions.MAX_MESSAGE;
import static dev.duet.client.ClientOptions.MAX_TARGET;
import static dev.duet.client.ClientOptions.TIMEOUT;
import static dev.duet.client.ClientOptions.URL;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.client.http.ClientTls;
import dev.duet.client.http.GetConfig;
import dev.duet.client.http.RequestHeader;
import dev.duet.common.Arguments;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * One {@code duet-client limits} run: where to search, and the largest size of each kind to try.
 * The values of {@link ClientOptions#LIMITS}.
 *
 * @param maxTarget     the largest request target tried, in bytes
 * @param maxHeaderSize the largest header value, and request head, tried
 * @param maxHeaders    the most header fields tried
 * @param maxBody       the largest request body tried
 * @param maxMessage    the largest WebSocket message tried
 * @param timeout       how long each request waits for its answer
 * @param headers       sent with every request (credentials, a Host the path routes by)
 */
public record LimitsConfig(
        HttpUrl url,
        long maxTarget,
        long maxHeaderSize,
        int maxHeaders,
        long maxBody,
        long maxMessage,
        Duration timeout,
        List<RequestHeader> headers,
        ClientTls tls,
        boolean json) {

    public static LimitsConfig from(Arguments a) throws Failure {
        return new LimitsConfig(
                GetConfig.parseUrl(a.get(URL)),
                a.get(MAX_TARGET),
                a.get(MAX_HEADER_SIZE),
                a.get(MAX_HEADERS),
                a.get(MAX_BODY),
                a.get(MAX_MESSAGE),
                a.get(TIMEOUT),
                a.get(HEADER),
                ClientTls.from(a),
                a.get(LIMITS_JSON));
    }

    /** The largest size tried in {@code dimension}. */
    long cap(Dimension dimension) {
        return switch (dimension) {
            case TARGET -> maxTarget;
            case HEADER_VALUE, HEADER_SECTION -> maxHeaderSize;
            case HEADER_COUNT -> maxHeaders;
            case BODY -> maxBody;
            case WS_MESSAGE -> maxMessage;
        };
    }
}
