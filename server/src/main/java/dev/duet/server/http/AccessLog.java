package dev.duet.server.http;

import dev.duet.common.LogText;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: method, target, status, caller, time taken. Method and target are the
 * client's bytes, so they are escaped: a path cannot forge a log line.
 */
final class AccessLog implements RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("access");
    private static final int MAX_TARGET = 2048;

    @Override
    public void log(Request request, Response response) {
        long micros = TimeUnit.NANOSECONDS.toMicros(NanoTime.since(request.getBeginNanoTime()));
        LOG.info("{} {} {} {}:{} {}",
                LogText.escape(request.getMethod(), 64),
                LogText.escape(RequestTarget.of(request.getHttpURI()), MAX_TARGET),
                response.getStatus(),
                Request.getRemoteAddr(request),
                Request.getRemotePort(request),
                String.format(Locale.ROOT, "%.1fms", micros / 1000.0));
    }
}
