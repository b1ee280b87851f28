package dev.duet.client.grpc;

import dev.duet.client.Failure;
import dev.duet.client.http.MissingClientCertificate;
import dev.duet.client.http.RequestFailure;
import dev.duet.common.Durations;
import dev.duet.common.Version;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.okhttp.OkHttpChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The client's gRPC channels (grpc-okhttp), and what their failures mean in the client's terms. */
final class GrpcChannels {
    private GrpcChannels() {}

    /**
     * One channel, one HTTP/2 connection, to {@code target}: h2c or TLS by its scheme, every call
     * carrying its metadata. Callbacks run on the transport's thread: nothing here blocks in one.
     */
    static ManagedChannel open(GrpcTarget target, MissingClientCertificate missing) throws Failure {
        OkHttpChannelBuilder builder = OkHttpChannelBuilder.forAddress(
                        target.url().host(), target.url().port())
                .directExecutor()
                .userAgent("duet-client/" + Version.current())
                .intercept(MetadataUtils.newAttachHeadersInterceptor(GrpcMetadata.headers(target.metadata())));
        if (target.url().isHttps()) {
            builder.useTransportSecurity().sslSocketFactory(target.tls().socketFactory(missing));
            if (target.tls().insecure()) {
                builder.hostnameVerifier((host, session) -> true);
            }
        } else {
            builder.usePlaintext();
        }
        return builder.build();
    }

    static void close(ManagedChannel channel) {
        channel.shutdownNow();
        try {
            channel.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What a call's failure means: the connection's (cannot connect, TLS, timeout: the exit codes
     * get gives), or a status the server chose ({@link Failure.Kind#GRPC_ERROR}).
     */
    static Failure failure(
            StatusRuntimeException e, GrpcTarget target, Duration timeout, MissingClientCertificate missing) {
        Status status = e.getStatus();
        IOException io = ioCause(e);
        if (io != null) {
            return RequestFailure.from(io, target.address(), timeout, 0, missing.asked());
        }
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED && fromClient(status)) {
            return new Failure(
                    Failure.Kind.TIMEOUT,
                    "no answer from " + target.address() + " within " + Durations.format(timeout) + " (timeout)");
        }
        return new Failure(Failure.Kind.GRPC_ERROR, target.address() + " answered " + describe(status));
    }

    /** {@code NOT_FOUND: what the server said}, or the code's name alone. */
    static String describe(Status status) {
        return status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
    }

    /** grpc-java's own deadline says "deadline exceeded after ..."; a server's status would not. */
    private static boolean fromClient(Status status) {
        return status.getDescription() != null
                && status.getDescription().toLowerCase(Locale.ROOT).startsWith("deadline exceeded after");
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return io;
            }
        }
        return null;
    }
}
