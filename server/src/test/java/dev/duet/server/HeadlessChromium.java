package dev.duet.server;

import dev.duet.common.Needs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for tests of web pages: Debian's headless Chromium through its driver, which
 * .ci/run installs. Where they are missing the test is skipped ({@link Needs}; in CI it fails).
 */
public final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /**
     * A new browser with its profile in {@code profile} (a fresh directory) and any {@code more}
     * Chromium arguments; skips (in CI fails) the calling test when Chromium or its driver is not
     * installed.
     */
    public static ChromeDriver start(String test, Path profile, String... more) {
        Needs.present(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                test + " needs " + CHROMIUM + " and " + DRIVER + " (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile)
                .addArguments(more);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
