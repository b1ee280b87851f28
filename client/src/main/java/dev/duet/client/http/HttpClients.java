package dev.duet.client.http;

import dev.duet.client.Failure;
import java.time.Duration;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The OkHttp client each HTTP mode starts from: the protocol asked for (HTTP/1.1; with --http2, h2
 * by ALPN over https or h2c by prior knowledge over http), the TLS trust asked for, the timeouts,
 * and curl's manners: redirects shown, not followed (unless get -L says so), and no retries behind
 * the user's back.
 */
public final class HttpClients {
    private HttpClients() {}

    public static OkHttpClient.Builder builder(boolean https, boolean http2, ClientTls tls, Duration timeout)
            throws Failure {
        return builder(https, http2, tls, timeout, new MissingClientCertificate());
    }

    /** @param missing told when a server asks for a client certificate that --cert did not give */
    public static OkHttpClient.Builder builder(
            boolean https, boolean http2, ClientTls tls, Duration timeout, MissingClientCertificate missing)
            throws Failure {
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (!https) {
            // with no TLS connection spec OkHttp skips building its TLS machinery, some 360
            // classes and a third of a one-shot run's time; redirects are not followed (-L asks
            // for TLS too), so no https URL can come up later
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        } else {
            tls.apply(builder, missing);
        }
        if (http2) {
            builder.protocols(
                    https ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        } else {
            builder.protocols(List.of(Protocol.HTTP_1_1));
        }
        return builder.connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .followRedirects(false)
                .retryOnConnectionFailure(false);
    }
}
