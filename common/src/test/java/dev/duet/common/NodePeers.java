package dev.duet.common;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The Node programs in interop/node, peers nobody here wrote the runtime of, and whether node runs here. */
public final class NodePeers {
    /** interop/node, seen from a module's directory (where Maven runs its tests). */
    public static final Path DIR = Path.of("..", "interop", "node");

    private NodePeers() {}

    public static Path script(String name) {
        return DIR.resolve(name);
    }

    public static boolean available() {
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
