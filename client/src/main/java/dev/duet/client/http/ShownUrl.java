package dev.duet.client.http;

import okhttp3.HttpUrl;

/**
 * A URL as the client shows it, in --json and in messages: a password in it is replaced by
 * {@code ***}, as curl keeps it out of its verbose output. The request still sends it, as Basic
 * authentication, which is what a user who writes one means.
 */
public final class ShownUrl {
    private static final String HIDDEN = "***";

    private ShownUrl() {}

    public static String of(HttpUrl url) {
        return url.password().isEmpty()
                ? url.toString()
                : url.newBuilder().password(HIDDEN).build().toString();
    }

    /**
     * The same for text that is not a URL yet (it may never parse as one). What lies between the
     * scheme and the last {@code @} before any query or fragment is taken as the userinfo, and
     * all of it after its first {@code :} hidden: a password may hold {@code /} or {@code @}, and
     * it is better to hide a little too much of a malformed URL than to print a secret.
     */
    public static String of(String text) {
        int scheme = text.indexOf("://");
        int from = scheme < 0 ? 0 : scheme + 3;
        int end = text.length();
        for (char c : new char[] {'?', '#'}) {
            int at = text.indexOf(c, from);
            end = at < 0 ? end : Math.min(end, at);
        }
        int at = text.lastIndexOf('@', end - 1);
        int colon = at < from ? -1 : text.indexOf(':', from);
        if (colon < 0 || colon > at) {
            return text; // no password: a user alone, or no userinfo at all
        }
        return text.substring(0, colon + 1) + HIDDEN + text.substring(at);
    }

    /** {@code host:port}, the host bracketed when it is an IPv6 literal: how failures name where they went. */
    public static String address(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return host + ":" + url.port();
    }
}
