package dev.duet.common;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** SHA-256 in lower-case hex, as sha256sum prints it and the server's JSON echo gives it. */
public final class Digests {
    private Digests() {}

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The SHA-256 of {@code count} bytes, each {@code fill}: a body made up, not held. */
    public static String sha256(byte fill, long count) {
        MessageDigest digest = digest();
        byte[] chunk = new byte[(int) Math.min(64 * 1024, Math.max(1, count))];
        Arrays.fill(chunk, fill);
        for (long left = count; left > 0; left -= chunk.length) {
            digest.update(chunk, 0, (int) Math.min(left, chunk.length));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
