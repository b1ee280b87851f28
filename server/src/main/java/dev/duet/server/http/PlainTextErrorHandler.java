package dev.duet.server.http;

import dev.duet.common.LogText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises itself (a malformed request, a body too large) as one line of plain text,
 * so nothing a client sent is ever served back as HTML.
 */
final class PlainTextErrorHandler implements Request.Handler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = HttpStatus.getMessage(status);
        Object detail = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        String line = status + " " + reason;
        if (detail instanceof String text && !text.isBlank() && !text.equals(reason)) {
            line += ": " + LogText.escape(text, 200);
        }
        byte[] body = (line + "\n").getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
