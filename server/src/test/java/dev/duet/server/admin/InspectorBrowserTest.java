package dev.duet.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.common.Needs;
import dev.duet.server.Instance;
import dev.duet.server.ServerIdentity;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.metrics.Metrics;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live request inspector in a real browser (headless Chromium): requests appear as they are
 * made, request data is shown as text only — markup in a target creates no element and runs no
 * script — and the chart is drawn. Needs Debian's chromium and chromium-driver, which .ci/run
 * installs.
 */
class InspectorBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String MARKUP = "/<img/src=x/onerror=alert(1)>";

    @TempDir
    Path profile;

    private HttpEchoServer echo;
    private AdminServer admin;
    private ChromeDriver browser;

    @BeforeEach
    void start() {
        Needs.present(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                CHROMIUM + " and " + DRIVER + " (apt-get install chromium chromium-driver)");
        ServerIdentity identity = new ServerIdentity("browser-1", "host", List.of("127.0.0.1"));
        Metrics metrics = Metrics.create();
        Inspector inspector = new Inspector(100);
        echo = HttpEchoServer.start(
                HttpServerConfig.ephemeral("--quiet"), new Instance(identity, metrics, inspector, LogFormat.TEXT));
        admin = AdminServer.start(
                new AdminConfig("127.0.0.1", 0, 100),
                identity,
                new Readiness(),
                metrics,
                inspector,
                new Listening("echo", "http", "127.0.0.1:" + echo.port()));
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
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (admin != null) {
            admin.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    @Test
    void requestsAppearLiveAsTextOnlyAndTheChartIsDrawn() throws Exception {
        browser.get("http://127.0.0.1:" + admin.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(5));
        wait.until(b -> b.findElement(By.id("status")).getText().startsWith("live"));
        assertEquals("browser-1", wait.until(b -> {
            String name = b.findElement(By.id("name")).getText();
            return name.isEmpty() ? null : name;
        }));

        get("/hello");
        get(MARKUP);

        // both rows, newest first, within 5 s
        wait.until(b -> b.findElements(By.cssSelector("#requests tr")).size() == 2);
        List<WebElement> cells = browser.findElements(By.cssSelector("#requests tr:first-child td"));
        assertEquals(MARKUP, cells.get(3).getText(), "the target is shown as the text it is");
        assertEquals("GET", cells.get(2).getText());
        assertEquals("200", cells.get(4).getText());
        assertEquals(
                "/hello",
                browser.findElements(By.cssSelector("#requests tr:last-child td"))
                        .get(3)
                        .getText());

        // the markup made nothing: no element, no script, no dialog
        assertEquals(List.of(), browser.findElements(By.tagName("img")));
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());

        // the chart counts the two requests and has painted pixels
        wait.until(b -> "2".equals(b.findElement(By.id("chart")).getDomAttribute("data-drawn")));
        Object painted = ((JavascriptExecutor) browser).executeScript("""
                const c = document.getElementById('chart');
                const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) n++; }
                return n;""");
        assertTrue(((Number) painted).longValue() > 100, "painted pixels: " + painted);
    }

    /** A GET with the target exactly as given, as a raw client sends it. */
    private void get(String target) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", echo.port())) {
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            assertTrue(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).endsWith(target));
        }
    }
}
