package dev.duet.server.http;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * HTTP/2's 431: a request whose headers are over {@code --max-header-size} is answered 431 on its
 * own stream, as HTTP/1.1 answers it, and the connection goes on. Jetty's HPACK decoder stops at its
 * limit and must then close the whole connection (its table state is lost), so HTTP/2 connections
 * decode up to {@link #DECODED_FACTOR} times the limit and this refuses what passed it. The size is
 * counted as HPACK counts it (RFC 9113 §6.5.2): name and value, plus 32, for every field, the
 * pseudo-headers too.
 */
final class HeaderListLimit implements HttpConfiguration.Customizer {
    /** How far past the limit an HTTP/2 header block is still read whole; beyond, the connection closes. */
    static final int DECODED_FACTOR = 4;

    private static final int FIELD_OVERHEAD = 32;

    private final int maxBytes;

    HeaderListLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A copy of {@code http} for HTTP/2: headers decoded past the limit, then refused here. */
    static HttpConfiguration forHttp2(HttpConfiguration http) {
        HttpConfiguration h2 = new HttpConfiguration(http);
        h2.setRequestHeaderSize(http.getRequestHeaderSize() * DECODED_FACTOR);
        h2.addCustomizer(new HeaderListLimit(http.getRequestHeaderSize()));
        return h2;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        HttpURI uri = request.getHttpURI();
        long size = field(":method", request.getMethod())
                + field(":scheme", uri.getScheme())
                + field(":authority", uri.getAuthority())
                + field(":path", uri.getPathQuery());
        for (HttpField header : request.getHeaders()) {
            size += field(header.getName(), header.getValue());
        }
        if (size > maxBytes) {
            throw new HttpException.RuntimeException(
                    HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431, "headers over " + maxBytes + " bytes");
        }
        return request;
    }

    private static long field(String name, String value) {
        return value == null ? 0 : name.length() + value.length() + FIELD_OVERHEAD;
    }
}
