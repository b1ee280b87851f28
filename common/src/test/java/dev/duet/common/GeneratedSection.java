package dev.duet.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of a document made from code (an option table, an exit-code table), between two marker
 * lines, so the prose around it is hand-written and the part itself cannot drift: the check fails
 * when the file holds anything else. {@code DUET_UPDATE_DOCS=1} rewrites the part instead.
 */
public final class GeneratedSection {
    private GeneratedSection() {}

    /** Checks (or with DUET_UPDATE_DOCS=1, writes) the section {@code name} of {@code file}. */
    public static void check(Path file, String name, String expected) throws IOException {
        String begin = "<!-- begin " + name + ": generated, do not edit (DUET_UPDATE_DOCS=1 ./mvnw test) -->\n";
        String end = "<!-- end " + name + " -->\n";
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertTrue(from >= 0 && to > from, file + " has no section between the lines\n" + begin + end);
        String current = text.substring(from + begin.length(), to);
        if ("1".equals(System.getenv("DUET_UPDATE_DOCS"))) {
            Files.writeString(
                    file,
                    text.substring(0, from + begin.length()) + expected + text.substring(to),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(
                expected,
                current,
                file + ": the " + name + " section is stale; rewrite it with: DUET_UPDATE_DOCS=1 ./mvnw -B -q test");
    }

    /** The repository's {@code docs/} folder, seen from a module's directory, where tests run. */
    public static Path docs(String page) {
        return Path.of("..", "docs", page);
    }
}
