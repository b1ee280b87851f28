package dev.duet.server.grpc;

import dev.duet.common.Durations;
import dev.duet.grpc.v1.EchoGrpc;
import dev.duet.grpc.v1.EchoReply;
import dev.duet.grpc.v1.EchoRequest;
import dev.duet.grpc.v1.Received;
import dev.duet.grpc.v1.StatusReply;
import dev.duet.grpc.v1.StatusRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * {@code duet.v1.Echo}: the message back with what arrived, a stream echoed message by message, and
 * a status asked for. Nothing here blocks: a delay waits on Jetty's scheduler, and a stream asks
 * for its next message only once its answers can be sent, so a client that sends and never reads
 * is held back by HTTP/2 flow control instead of filling the server's memory.
 */
final class EchoService extends EchoGrpc.EchoImplBase {
    private static final int HIGHEST_CODE = Status.Code.UNAUTHENTICATED.value();

    private final boolean controls;
    private final Duration maxDelay;
    private final Scheduler scheduler;

    /**
     * @param controls whether {@code Status} is obeyed (--controls)
     * @param maxDelay the longest delay {@code Status} waits (--max-delay)
     */
    EchoService(boolean controls, Duration maxDelay, Scheduler scheduler) {
        this.controls = controls;
        this.maxDelay = maxDelay;
        this.scheduler = scheduler;
    }

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoReply> replies) {
        replies.onNext(reply(request, CallTracer.RECEIVED.get()));
        replies.onCompleted();
    }

    private static EchoReply reply(EchoRequest request, Received received) {
        EchoReply.Builder reply = EchoReply.newBuilder().setMessage(request.getMessage());
        if (received != null) {
            reply.setReceived(received);
        }
        return reply.build();
    }

    @Override
    public StreamObserver<EchoRequest> echoStream(StreamObserver<EchoReply> replies) {
        ServerCallStreamObserver<EchoReply> out = (ServerCallStreamObserver<EchoReply>) replies;
        out.disableAutoRequest();
        Received received = CallTracer.RECEIVED.get();
        // grpc-java runs every callback of one call in turn, never two at once: plain fields do
        var flow = new Object() {
            boolean waiting; // a message was echoed while the client read too slowly: ask on ready
            boolean first = true;
        };
        out.setOnReadyHandler(() -> {
            if (flow.waiting && out.isReady()) {
                flow.waiting = false;
                out.request(1);
            }
        });
        out.request(1);
        return new StreamObserver<>() {
            @Override
            public void onNext(EchoRequest message) {
                out.onNext(reply(message, flow.first ? received : null));
                flow.first = false;
                if (out.isReady()) {
                    out.request(1);
                } else {
                    flow.waiting = true;
                }
            }

            @Override
            public void onError(Throwable t) {
                // the client cancelled or went away: nobody to answer
            }

            @Override
            public void onCompleted() {
                out.onCompleted();
            }
        };
    }

    @Override
    public void status(StatusRequest request, StreamObserver<StatusReply> replies) {
        if (!controls) {
            replies.onError(Status.FAILED_PRECONDITION
                    .withDescription("controls are off on this server (--controls off)")
                    .asRuntimeException());
            return;
        }
        if (request.getCode() > HIGHEST_CODE) {
            replies.onError(Status.INVALID_ARGUMENT
                    .withDescription("code " + Integer.toUnsignedString(request.getCode())
                            + " is no gRPC status: 0 (OK) to " + HIGHEST_CODE)
                    .asRuntimeException());
            return;
        }
        long delayMillis = Integer.toUnsignedLong(request.getDelayMs());
        if (delayMillis > maxDelay.toMillis()) {
            replies.onError(Status.INVALID_ARGUMENT
                    .withDescription("delay_ms " + delayMillis + " is over this server's --max-delay of "
                            + Durations.format(maxDelay))
                    .asRuntimeException());
            return;
        }
        ServerCallStreamObserver<StatusReply> out = (ServerCallStreamObserver<StatusReply>) replies;
        Runnable answer = () -> {
            if (out.isCancelled()) {
                return;
            }
            if (request.getCode() == 0) {
                out.onNext(StatusReply.newBuilder()
                        .setCode(0)
                        .setDelayMs(request.getDelayMs())
                        .build());
                out.onCompleted();
            } else {
                Status status = Status.fromCodeValue(request.getCode());
                out.onError((request.getMessage().isEmpty() ? status : status.withDescription(request.getMessage()))
                        .asRuntimeException());
            }
        };
        if (delayMillis == 0) {
            answer.run();
        } else {
            // the handler is set before the task exists: grpc-java takes it only while this method runs
            AtomicReference<Scheduler.Task> task = new AtomicReference<>();
            out.setOnCancelHandler(() -> {
                Scheduler.Task scheduled = task.get();
                if (scheduled != null) {
                    scheduled.cancel(); // else the answer, when due, finds the call cancelled
                }
            });
            task.set(scheduler.schedule(answer, delayMillis, TimeUnit.MILLISECONDS));
        }
    }
}
