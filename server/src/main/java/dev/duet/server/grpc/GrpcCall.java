package dev.duet.server.grpc;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;

/**
 * One gRPC call on the echo port, as the request log and the metrics see it: the request it came
 * as, and the gRPC status it ended with. Kept as an attribute of its request.
 */
public final class GrpcCall {
    static final String ATTRIBUTE = GrpcCall.class.getName();
    private static final String GRPC = "application/grpc";
    /** Not ended yet, or ended without a status (the connection went first). */
    public static final int NO_STATUS = -1;

    private final Request request;
    private volatile int status = NO_STATUS;

    GrpcCall(Request request) {
        this.request = request;
    }

    /**
     * True for a gRPC request: a POST whose content type is {@code application/grpc}, alone or with
     * a {@code +proto}-like suffix or parameters (not {@code application/grpc-web}, another
     * protocol). Anything but a POST pays one comparison of its method.
     */
    static boolean isGrpc(Request request) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            return false;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return type != null
                && type.regionMatches(true, 0, GRPC, 0, GRPC.length())
                && (type.length() == GRPC.length()
                        || type.charAt(GRPC.length()) == '+'
                        || type.charAt(GRPC.length()) == ';');
    }

    /** The gRPC call a request was, or null for every other request. */
    public static GrpcCall of(Request request) {
        return HttpMethod.POST.is(request.getMethod()) && request.getAttribute(ATTRIBUTE) instanceof GrpcCall call
                ? call
                : null;
    }

    Request request() {
        return request;
    }

    /** The gRPC status code the call ended with (0 is OK), or {@link #NO_STATUS}. */
    public int status() {
        return status;
    }

    void ended(int code) {
        status = code;
    }
}
