package dev.duet.client.grpc;

import dev.duet.client.Failure;
import dev.duet.client.RoundTrip;
import dev.duet.client.http.MissingClientCertificate;
import dev.duet.grpc.v1.EchoGrpc;
import dev.duet.grpc.v1.EchoReply;
import dev.duet.grpc.v1.EchoRequest;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench grpc}'s round trips: every worker's calls are streams of one channel (one HTTP/2
 * connection, as h2load's client is), each an Echo call, or with {@code --stream} one message and
 * its echo on an EchoStream call of the worker's own. A status other than OK counts as an error of
 * that status; a failure to connect, as bench's other failures do.
 */
public final class GrpcLoad implements AutoCloseable {
    private final GrpcTarget target;
    private final EchoRequest request;
    private final Duration timeout;
    private final MissingClientCertificate missing = new MissingClientCertificate();
    private final ManagedChannel channel;

    public GrpcLoad(GrpcTarget target, String message, Duration timeout) throws Failure {
        this.target = target;
        this.request = EchoRequest.newBuilder().setMessage(message).build();
        this.timeout = timeout;
        this.channel = GrpcChannels.open(target, missing);
    }

    /**
     * A worker's round trips: a unary call each, or (stream) a message each on one call. Opened
     * before bench's clock starts, so it connects the channel first: no call's latency holds the
     * connect, as no request's does in bench's other loads.
     */
    public RoundTrip worker(boolean stream) throws InterruptedIOException {
        connect();
        return stream ? new StreamRoundTrips() : this::unary;
    }

    /**
     * Waits, up to the timeout, until the channel is connected; a channel that cannot connect is
     * left to fail its calls, which say why (refused, unknown host, …) as bench counts failures.
     */
    private void connect() throws InterruptedIOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY
                && state != ConnectivityState.TRANSIENT_FAILURE
                && state != ConnectivityState.SHUTDOWN) {
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            try {
                if (!changed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            state = channel.getState(false);
        }
    }

    private void unary() throws IOException {
        try {
            EchoGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .echo(request);
        } catch (StatusRuntimeException e) {
            throw failed(e.getStatus(), e);
        }
    }

    /** As bench counts failures: the connection's own cause, else "status CODE". */
    private IOException failed(Status status, StatusRuntimeException e) {
        Failure failure = GrpcChannels.failure(e, target, timeout, missing);
        if (failure.kind() == Failure.Kind.GRPC_ERROR) {
            return new IOException("status " + GrpcChannels.describe(status));
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return io;
            }
        }
        return failure.kind() == Failure.Kind.TIMEOUT
                ? new InterruptedIOException(failure.getMessage())
                : new IOException(failure.getMessage());
    }

    /** One EchoStream call: each round trip sends a message and waits for its echo. */
    private final class StreamRoundTrips implements RoundTrip, ClientResponseObserver<EchoRequest, EchoReply> {
        private final BlockingQueue<Object> answers = new ArrayBlockingQueue<>(2);
        private ClientCallStreamObserver<EchoRequest> requests;

        StreamRoundTrips() {
            EchoGrpc.newStub(channel).echoStream(this);
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<EchoRequest> stream) {
            requests = stream;
        }

        @Override
        public void once() throws IOException {
            requests.onNext(request);
            Object answer;
            try {
                answer = answers.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            if (answer == null) {
                throw new InterruptedIOException("no echo within the timeout");
            }
            if (answer instanceof StatusRuntimeException e) {
                throw failed(e.getStatus(), e);
            }
        }

        @Override
        public void onNext(EchoReply reply) {
            answers.offer(reply);
        }

        @Override
        public void onError(Throwable t) {
            answers.offer(
                    t instanceof StatusRuntimeException e
                            ? e
                            : Status.fromThrowable(t).asRuntimeException());
        }

        @Override
        public void onCompleted() {
            answers.offer(Status.UNAVAILABLE
                    .withDescription("the server ended the stream")
                    .asRuntimeException());
        }

        @Override
        public void close() {
            requests.cancel("bench over", null);
        }
    }

    @Override
    public void close() {
        GrpcChannels.close(channel);
    }
}
