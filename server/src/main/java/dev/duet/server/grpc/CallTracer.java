package dev.duet.server.grpc;

import dev.duet.grpc.v1.EchoGrpc;
import dev.duet.grpc.v1.Received;
import dev.duet.server.ServerIdentity;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;

/**
 * Ties each gRPC call to the Jetty request it came as. grpc-java tells a service only the peer's
 * address; the echo also says what else arrived (headers in order, TLS, who answered), and the
 * request log wants the status the call ended with. The servlet names the request on its thread
 * ({@link #calling}) while grpc-java, on that same thread, asks this factory for the call's
 * tracer; the tracer puts what arrived in the call's {@link Context} and notes the status at the end.
 */
final class CallTracer extends ServerStreamTracer.Factory {
    /** What reached the server, for the methods of {@code duet.v1.Echo}. */
    static final Context.Key<Received> RECEIVED = Context.key("duet-received");

    private static final ThreadLocal<GrpcCall> CALLING = new ThreadLocal<>();

    private final ServerIdentity identity;

    CallTracer(ServerIdentity identity) {
        this.identity = identity;
    }

    /** Runs {@code start} (the servlet adapter's doPost) with {@code call} as the one starting. */
    static <E extends Exception> void calling(GrpcCall call, Start<E> start) throws E {
        CALLING.set(call);
        try {
            start.run();
        } finally {
            CALLING.remove();
        }
    }

    @FunctionalInterface
    interface Start<E extends Exception> {
        void run() throws E;
    }

    @Override
    public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
        GrpcCall call = CALLING.get();
        if (call == null) {
            return new ServerStreamTracer() {}; // not started by our servlet: nothing to tie
        }
        boolean echo = EchoGrpc.SERVICE_NAME.equals(io.grpc.MethodDescriptor.extractFullServiceName(fullMethodName));
        Received received = echo ? ReceivedCall.of(call.request(), fullMethodName, identity) : null;
        return new ServerStreamTracer() {
            @Override
            public Context filterContext(Context context) {
                return received == null ? context : context.withValue(RECEIVED, received);
            }

            @Override
            public void streamClosed(Status status) {
                call.ended(status.getCode().value());
            }
        };
    }
}
