package dev.duet.client.http;

import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * A URL as the client shows it, in --json and in messages: a password in it is replaced by
 * {@code ***}, as curl keeps it out of its verbose output. The request still sends it, as Basic
 * authentication, which is what a user who writes one means.
 */
public final class ShownUrl {
    private static final String HIDDEN = "***";
    /** {@code scheme://user:password@}: what a URL's userinfo looks like before it is parsed. */
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(?<=://)([^/@:]*):[^/@]*@");

    private ShownUrl() {}

    public static String of(HttpUrl url) {
        return url.password().isEmpty()
                ? url.toString()
                : url.newBuilder().password(HIDDEN).build().toString();
    }

    /** The same for text that is not a URL yet (it may never parse as one). */
    public static String of(String text) {
        return USERINFO_PASSWORD.matcher(text).replaceFirst("$1:" + HIDDEN + "@");
    }

    /** {@code host:port}, the host bracketed when it is an IPv6 literal: how failures name where they went. */
    public static String address(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return host + ":" + url.port();
    }
}
