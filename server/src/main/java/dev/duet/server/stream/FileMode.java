package dev.duet.server.stream;

import dev.duet.common.LogText;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** File permissions written in octal, as chmod takes them: {@code 600}, {@code 660}, {@code 0666}. */
public final class FileMode {
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private FileMode() {}

    public static Set<PosixFilePermission> parse(String octal) {
        if (!octal.matches("0?[0-7]{3}")) {
            throw new IllegalArgumentException(
                    "expected octal permissions such as 600 or 660, got " + LogText.quote(octal));
        }
        String digits = octal.length() == 4 ? octal.substring(1) : octal;
        StringBuilder symbolic = new StringBuilder();
        for (char digit : digits.toCharArray()) {
            int bits = digit - '0';
            symbolic.append((bits & 4) != 0 ? 'r' : '-')
                    .append((bits & 2) != 0 ? 'w' : '-')
                    .append((bits & 1) != 0 ? 'x' : '-');
        }
        return PosixFilePermissions.fromString(symbolic.toString());
    }

    public static String format(Set<PosixFilePermission> mode) {
        String symbolic = PosixFilePermissions.toString(mode);
        StringBuilder octal = new StringBuilder();
        for (int i = 0; i < 9; i += 3) {
            int bits = (symbolic.charAt(i) == 'r' ? 4 : 0)
                    + (symbolic.charAt(i + 1) == 'w' ? 2 : 0)
                    + (symbolic.charAt(i + 2) == 'x' ? 1 : 0);
            octal.append(bits);
        }
        return octal.toString();
    }
}
