package dev.duet.client.grpc;

import dev.duet.client.Failure;
import dev.duet.client.http.JsonReport;
import dev.duet.client.http.MissingClientCertificate;
import dev.duet.common.IntervalTicker;
import dev.duet.grpc.v1.EchoGrpc;
import dev.duet.grpc.v1.EchoReply;
import dev.duet.grpc.v1.EchoRequest;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code duet-client grpc URL}: calls {@code duet.v1.Echo/Echo} and prints {@code status: OK} and
 * the message echoed, once or on an interval, over one connection. A status other than OK is
 * printed the same way and gives exit 22, as an HTTP error does for get; a run of several calls
 * keeps going after a failure and ends with the last one's exit code.
 */
public final class GrpcCommand {
    private final GrpcConfig config;
    private final PrintStream out;
    private final PrintStream err;

    public GrpcCommand(GrpcConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    public void run() throws InterruptedException, IOException, Failure {
        MissingClientCertificate missing = new MissingClientCertificate();
        ManagedChannel channel = GrpcChannels.open(config.target(), missing);
        SessionTap tap = new SessionTap();
        EchoGrpc.EchoBlockingStub stub = EchoGrpc.newBlockingStub(ClientInterceptors.intercept(channel, tap));
        JsonReport json = config.json() ? new JsonReport(out) : null;
        EchoRequest request =
                EchoRequest.newBuilder().setMessage(config.message()).build();
        Optional<Failure> last = Optional.empty();
        IntervalTicker ticker = new IntervalTicker(config.interval());
        try {
            for (int i = 0; config.count().isEmpty() || i < config.count().get(); i++) {
                ticker.awaitTick();
                long start = System.nanoTime();
                try {
                    EchoReply reply = stub.withDeadlineAfter(config.timeout().toNanos(), TimeUnit.NANOSECONDS)
                            .echo(request);
                    double millis = (System.nanoTime() - start) / 1e6;
                    if (json != null) {
                        json.object(GrpcReport.answer(
                                config.target(),
                                reply.getMessage(),
                                reply.hasReceived() ? reply.getReceived() : null,
                                tap.session(),
                                millis));
                    } else {
                        out.println("status: OK");
                        out.println(reply.getMessage());
                    }
                } catch (StatusRuntimeException e) {
                    double millis = (System.nanoTime() - start) / 1e6;
                    Failure failure = GrpcChannels.failure(e, config.target(), config.timeout(), missing);
                    if (failure.kind() == Failure.Kind.GRPC_ERROR) {
                        // the server's answer: printed as one, as get prints a 404's
                        if (json != null) {
                            json.object(
                                    GrpcReport.status(config.target(), e.getStatus(), tap.session(), millis, failure));
                        } else {
                            out.println("status: " + GrpcChannels.describe(e.getStatus()));
                        }
                    } else if (json != null) {
                        json.object(GrpcReport.failure(config.target(), failure));
                    }
                    err.println(failure.line());
                    last = Optional.of(failure.alreadyShown());
                }
            }
        } finally {
            GrpcChannels.close(channel);
        }
        if (last.isPresent()) {
            throw last.get();
        }
    }
}
