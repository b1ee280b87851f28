package dev.duet.client.grpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.duet.client.Failure;
import dev.duet.grpc.v1.Received;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLSession;

/**
 * {@code duet-client grpc --json}: one object a call, with get's fields where gRPC has them
 * ({@code statusCode} is the gRPC status code, {@code body} the message echoed), the status' name
 * and message, and what the server said it received.
 */
final class GrpcReport {
    private GrpcReport() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(
            String url,
            Integer statusCode,
            String status,
            String statusMessage,
            String protocol,
            Tls tls,
            String body,
            Long bodyBytes,
            Timings timings,
            ReceivedView received,
            String error,
            Integer exitCode) {}

    record Tls(String version, String cipher) {}

    record Timings(double totalMs) {}

    /** {@link Received} as JSON: headers as [name, value] pairs, in order, as the JSON echo's rawHeaders. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReceivedView(
            String method,
            String authority,
            List<List<String>> metadata,
            Peer client,
            ReceivedTls tls,
            Server server,
            String protocol) {
        static ReceivedView of(Received r) {
            dev.duet.grpc.v1.Tls tls = r.hasTls() ? r.getTls() : null;
            return new ReceivedView(
                    r.getMethod(),
                    r.getAuthority(),
                    r.getMetadataList().stream()
                            .map(m -> List.of(m.getName(), m.getValue()))
                            .toList(),
                    new Peer(r.getClient().getAddress(), r.getClient().getPort()),
                    tls == null
                            ? null
                            : new ReceivedTls(
                                    tls.getVersion(),
                                    tls.getCipher(),
                                    orNull(tls.getAlpn()),
                                    orNull(tls.getSni()),
                                    orNull(tls.getClientCertificate())),
                    new Server(
                            r.getServer().getName(),
                            r.getServer().getHostname(),
                            r.getServer().getAddressesList(),
                            r.getServer().getAddress(),
                            r.getServer().getPort()),
                    r.getProtocol());
        }
    }

    /** As the JSON echo's tls: what is absent is null (proto3 says empty). */
    record ReceivedTls(String version, String cipher, String alpn, String sni, String clientCertificate) {}

    record Peer(String address, int port) {}

    private static String orNull(String text) {
        return text.isEmpty() ? null : text;
    }

    record Server(String name, String hostname, List<String> addresses, String address, int port) {}

    static Line answer(GrpcTarget target, String message, Received received, SSLSession session, double millis) {
        return new Line(
                target.shown(),
                0,
                Status.Code.OK.name(),
                null,
                protocol(target),
                tls(session),
                message,
                (long) message.getBytes(StandardCharsets.UTF_8).length,
                new Timings(millis),
                received == null ? null : ReceivedView.of(received),
                null,
                null);
    }

    /** A status the server chose: an answer, as get's 4xx is, with the failure's exit code. */
    static Line status(GrpcTarget target, Status status, SSLSession session, double millis, Failure failure) {
        return new Line(
                target.shown(),
                status.getCode().value(),
                status.getCode().name(),
                status.getDescription(),
                protocol(target),
                tls(session),
                null,
                null,
                new Timings(millis),
                null,
                failure.getMessage(),
                failure.kind().exitCode());
    }

    static Line failure(GrpcTarget target, Failure failure) {
        return new Line(
                target.shown(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                failure.getMessage(),
                failure.kind().exitCode());
    }

    private static String protocol(GrpcTarget target) {
        return target.url().isHttps() ? "h2" : "h2c";
    }

    private static Tls tls(SSLSession session) {
        return session == null ? null : new Tls(session.getProtocol(), session.getCipherSuite());
    }
}
