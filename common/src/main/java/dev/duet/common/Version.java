package dev.duet.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Duet's version, stamped into the jar by the build. */
public final class Version {
    private Version() {}

    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/duet-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
