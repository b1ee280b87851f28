package dev.duet.server.grpc;

import dev.duet.grpc.v1.EchoGrpc;
import dev.duet.server.ServerIdentity;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.servlet.jakarta.ServletAdapter;
import io.grpc.servlet.jakarta.ServletServerBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * gRPC on the echo port: a request whose content type is {@code application/grpc} goes to
 * grpc-java's servlet transport, in a servlet context of its own; every other request goes on, as
 * before, paying one comparison of its method (a POST also a header look-up). The same port, TLS
 * and HTTP/2 serve both. Served: {@code duet.v1.Echo} ({@link EchoService}), the standard
 * {@code grpc.health.v1.Health}, which follows readiness ({@link #serving}), and server reflection
 * (v1 and v1alpha), so clients need no {@code .proto}.
 *
 * <p>grpc-java and protobuf are loaded with the first gRPC call, as Jackson is with the first JSON
 * echo: a server no one calls over gRPC starts as fast, and holds as little, as before.
 */
public final class GrpcEcho extends Handler.Wrapper {
    private final ServletContextHandler context = new ServletContextHandler("/");
    private final CallServlet servlet = new CallServlet();
    private final ServerIdentity identity;
    private final int maxMessageBytes;
    private final boolean controls;
    private final Duration maxDelay;
    private boolean ready = true; // guarded by this, as health is
    private HealthStatusManager health;

    /**
     * @param next            where every request that is not gRPC goes
     * @param maxMessageBytes the largest message taken (--max-body); a larger one ends the call RESOURCE_EXHAUSTED
     * @param controls        whether {@code Status} is obeyed (--controls)
     * @param maxDelay        the longest delay {@code Status} waits (--max-delay)
     */
    public GrpcEcho(Handler next, ServerIdentity identity, int maxMessageBytes, boolean controls, Duration maxDelay) {
        super(next);
        this.identity = identity;
        this.maxMessageBytes = maxMessageBytes;
        this.controls = controls;
        this.maxDelay = maxDelay;
        ServletHolder holder = new ServletHolder("grpc", servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        installBean(context); // started and stopped with this handler
    }

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        context.setServer(server);
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        servlet.destroyAdapter();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!GrpcCall.isGrpc(request)) {
            return super.handle(request, response, callback);
        }
        request.setAttribute(GrpcCall.ATTRIBUTE, new GrpcCall(request));
        // The echo's handlers are non-blocking, so Jetty may call this on a selector thread; the
        // servlet layer (and grpc-java's first load) is not: a call goes on on the pool's thread.
        getServer().getThreadPool().execute(() -> servletCall(request, response, callback));
        return true;
    }

    private void servletCall(Request request, Response response, Callback callback) {
        try {
            if (!context.handle(request, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable t) {
            callback.failed(t);
        }
    }

    /**
     * What {@code grpc.health.v1.Health} answers, for the server ("") and for {@code duet.v1.Echo}:
     * SERVING while ready, NOT_SERVING while /readyz says 503. Watchers are told at once.
     */
    public synchronized void serving(boolean ready) {
        this.ready = ready;
        if (health != null) {
            tellHealth();
        }
    }

    private void tellHealth() {
        ServingStatus status = ready ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        health.setStatus(EchoGrpc.SERVICE_NAME, status);
    }

    /** The gRPC server: its services, on a servlet adapter. */
    private synchronized ServletAdapter build() {
        health = new HealthStatusManager();
        tellHealth();
        return new ServletServerBuilder()
                .directExecutor() // no service here blocks: each call runs on the thread that read it
                .maxInboundMessageSize(maxMessageBytes)
                .addStreamTracerFactory(new CallTracer(identity))
                .addService(new EchoService(controls, maxDelay, getServer().getScheduler()))
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(ProtoReflectionService.newInstance()) // v1alpha: what grpcio's and older clients ask
                .buildServletAdapter();
    }

    /** The adapter, made by the first call, with each call named for {@link CallTracer} while grpc-java starts it. */
    private final class CallServlet extends HttpServlet {
        private transient volatile ServletAdapter adapter;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ServletAdapter ready = adapter != null ? adapter : adapter();
            GrpcCall call = (GrpcCall) request.getAttribute(GrpcCall.ATTRIBUTE);
            CallTracer.calling(call, () -> ready.doPost(request, response));
        }

        private synchronized ServletAdapter adapter() {
            if (adapter == null) {
                adapter = build();
            }
            return adapter;
        }

        synchronized void destroyAdapter() {
            if (adapter != null) {
                adapter.destroy();
            }
        }
    }
}
