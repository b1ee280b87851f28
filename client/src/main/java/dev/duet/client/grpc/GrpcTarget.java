package dev.duet.client.grpc;

import dev.duet.client.Failure;
import dev.duet.client.http.ClientTls;
import dev.duet.client.http.GetConfig;
import dev.duet.client.http.ShownUrl;
import dev.duet.common.LogText;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * Where a gRPC client calls, and how: h2c for http://, TLS (as --cacert, -k, --cert say) for
 * https://, with the metadata every call carries.
 *
 * @param url the server's URL; its path must be empty, as gRPC's is the method's
 */
public record GrpcTarget(HttpUrl url, ClientTls tls, List<GrpcMetadata> metadata) {

    public static GrpcTarget of(String text, ClientTls tls, List<GrpcMetadata> metadata) throws Failure {
        HttpUrl url = GetConfig.parseUrl(text);
        if (!url.encodedPath().equals("/") || url.encodedQuery() != null) {
            throw new Failure(
                    Failure.Kind.MALFORMED_URL,
                    "a gRPC URL names a server, not a path: " + LogText.quote(ShownUrl.of(url))
                            + " (the method's path, /duet.v1.Echo/Echo, is the client's to send)");
        }
        return new GrpcTarget(url, tls, List.copyOf(metadata));
    }

    /** host:port, for messages. */
    public String address() {
        return ShownUrl.address(url);
    }

    /** The URL as shown: password hidden. */
    public String shown() {
        return ShownUrl.of(url);
    }
}
