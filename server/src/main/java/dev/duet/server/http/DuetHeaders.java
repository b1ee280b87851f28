package dev.duet.server.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * Which kinds of {@code X-Duet-} header a request carries, found in one pass over its names: the
 * only cost of them to a plain echo. A request numbered by duet-client carries counting headers
 * alone, and is not made to pay for parsing response controls it does not have.
 */
final class DuetHeaders {
    /** Response controls: {@link ResponseControls}. */
    static final int CONTROLS = 1;
    /** A run's counting headers: {@link RunTag}. */
    static final int COUNTING = 2;

    private static final String PREFIX = "X-Duet-";

    private DuetHeaders() {}

    /** {@link #CONTROLS} and {@link #COUNTING}, or'ed: those the request has; 0 for none. */
    static int present(HttpFields fields) {
        int kinds = 0;
        for (HttpField field : fields) {
            String name = field.getName();
            if (isDuet(name)) {
                kinds |= RunTag.owns(name) ? COUNTING : CONTROLS;
            }
        }
        return kinds;
    }

    /** True for a name that starts {@code X-Duet-} (in any case) and goes on. */
    static boolean isDuet(String name) {
        return name.length() > PREFIX.length() && name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }
}
