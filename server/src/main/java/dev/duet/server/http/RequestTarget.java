package dev.duet.server.http;

import org.eclipse.jetty.http.HttpURI;

/**
 * The request target as the client sent it: what Node calls {@code req.url}.
 *
 * <p>Jetty keeps the path and query in their raw, still-encoded form, so putting them back
 * together gives the bytes of the request line, with no decoding or normalisation.
 */
final class RequestTarget {
    private RequestTarget() {}

    static String of(HttpURI uri) {
        String path = uri.getPath();
        String query = uri.getQuery();
        String fragment = uri.getFragment();
        StringBuilder target = new StringBuilder(path == null ? "" : path);
        if (query != null) {
            target.append('?').append(query);
        }
        if (fragment != null) {
            target.append('#').append(fragment);
        }
        return target.toString();
    }
}
