package dev.duet.server.admin;

import dev.duet.common.LogText;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --admin-token}: when set, a request to the control plane that changes something (any
 * method but GET, HEAD and OPTIONS) needs {@code Authorization: Bearer TOKEN}, or gets 401. Probes,
 * metrics, /version and the inspector stay open, for kubelets, scrapers and people. The token is
 * kept only as its SHA-256, compared in constant time (the digests have one length whatever was
 * sent), and never shown: not in a log line, not in {@link #toString()}.
 */
public final class AdminToken {
    public static final AdminToken NONE = new AdminToken(null);

    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final String BEARER = "Bearer ";

    /** The token's SHA-256, or null when none is needed. */
    private final byte[] digest;

    private AdminToken(byte[] digest) {
        this.digest = digest;
    }

    public static AdminToken of(Optional<String> token) {
        return token.map(t -> new AdminToken(sha256(t))).orElse(NONE);
    }

    /** Refuses, before any route runs, a request that changes something and lacks the token. */
    void addTo(RoutesConfig routes) {
        if (digest == null) {
            return;
        }
        // looked up here, not as the options are read: --log-format json must be chosen first
        Logger log = LoggerFactory.getLogger("admin");
        routes.before(ctx -> {
            if (!READS.contains(ctx.method()) && !admits(ctx.header("Authorization"))) {
                log.warn(
                        "{} {} from {} refused: {}",
                        ctx.method(),
                        LogText.escape(ctx.path(), 256),
                        ctx.ip(),
                        ctx.header("Authorization") == null ? "no token" : "a wrong token");
                refuse(ctx);
            }
        });
    }

    /** True when {@code authorization} is {@code Bearer TOKEN} with this token. */
    boolean admits(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(
                digest, sha256(authorization.substring(BEARER.length()).trim()));
    }

    private static void refuse(Context ctx) {
        ctx.status(401)
                .header("WWW-Authenticate", "Bearer realm=\"duet-server admin\"")
                .contentType("text/plain; charset=utf-8")
                .result("this request changes the server: send \"Authorization: Bearer TOKEN\" with the"
                        + " --admin-token (DUET_ADMIN_TOKEN) the server was started with\n");
        ctx.skipRemainingHandlers();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Equal when both need the same token, or neither needs one: for comparing configurations. */
    @Override
    public boolean equals(Object other) {
        return other instanceof AdminToken token && Arrays.equals(digest, token.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return digest == null ? "no admin token" : "an admin token (not shown)";
    }
}
