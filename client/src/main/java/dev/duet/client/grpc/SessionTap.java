package dev.duet.client.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import javax.net.ssl.SSLSession;

/** Notes the TLS session of the last call whose answer began: for --json's tls, as get's has it. */
final class SessionTap implements ClientInterceptor {
    private volatile SSLSession session;

    /** The TLS session of the last answered call; null over h2c or before any answer. */
    SSLSession session() {
        return session;
    }

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<A> listener, Metadata headers) {
                ClientCall<Q, A> call = delegate();
                super.start(
                        new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onHeaders(Metadata answerHeaders) {
                                session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
                                super.onHeaders(answerHeaders);
                            }
                        },
                        headers);
            }
        };
    }
}
