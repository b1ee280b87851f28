package dev.duet.common;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * A test's need of something this machine may lack (node, Chromium, ss, setpriv, kubectl, a Java
 * 25). On a developer's machine its absence skips the test, saying what to install; in CI (the
 * variable CI set to true, as .ci/run does) it fails the test, so a CI run without the tool is red
 * rather than green while proving nothing. .ci/run installs what the tests need.
 */
public final class Needs {
    private Needs() {}

    /** @param what what is missing and how to get it, as the skip or the failure says it */
    public static void present(boolean present, String what) {
        if (present) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI cannot run this test: " + what);
        }
        Assumptions.assumeTrue(false, "skipped: " + what);
    }
}
