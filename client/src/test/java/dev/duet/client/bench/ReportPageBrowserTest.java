package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duet.client.ClientRun;
import dev.duet.server.HeadlessChromium;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * bench's HTML report in a real browser (headless Chromium, as the server's inspector test): the
 * file opens from disk with nothing fetched, its scripts run under its strict CSP and draw every
 * plot, and what the runs say (targets, labels, replica names) is shown as text only. Needs
 * Debian's chromium and chromium-driver, which .ci/run installs.
 */
class ReportPageBrowserTest {
    private static final String MARKUP = "<img src=x onerror=alert(1)></script><script>alert(2)</script>";

    @TempDir
    Path dir;

    private ChromeDriver browser;

    @BeforeEach
    void start() {
        browser = HeadlessChromium.start("ReportPageBrowserTest", dir.resolve("profile"), "--window-size=1200,2000");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Opens the page from disk and waits until every plot says it drew its points. */
    private void open(Path page, List<String> plots) {
        browser.get(page.toUri().toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        for (String plot : plots) {
            wait.until(b ->
                    !b.findElements(By.cssSelector("#" + plot + "[data-drawn]")).isEmpty());
            int points = Integer.parseInt(browser.findElement(By.id(plot)).getDomAttribute("data-drawn"));
            assertTrue(points > 0, plot + " drew no point");
        }
        // nothing was fetched: uPlot, the page's script and its style are all in the file
        assertEquals(0L, js("return performance.getEntriesByType('resource').length;"));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Pixels of plot {@code id}'s canvas whose colour is near {@code rgb}: what its series drew. */
    private long painted(String id, int[] rgb) {
        return ((Number) js("""
                        const c = document.querySelector('#%s canvas');
                        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                        let n = 0;
                        for (let i = 0; i < d.length; i += 4) {
                          if (d[i + 3] > 0 && Math.abs(d[i] - %d) < 40 && Math.abs(d[i + 1] - %d) < 40
                              && Math.abs(d[i + 2] - %d) < 40) n++;
                        }
                        return n;""".formatted(id, rgb[0], rgb[1], rgb[2]))).longValue();
    }

    private static final int[] BLUE = {0x1f, 0x77, 0xb4};
    private static final int[] RED = {0xd6, 0x27, 0x28};

    @Test
    void aRunsReportOpensOfflineAndDrawsEveryPlot() throws Exception {
        Path page = dir.resolve("run.html");
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            // an open loop with 503s: answers, latencies and errors each second
            ClientRun.Result r = ClientRun.run(
                    "bench",
                    "http://127.0.0.1:" + server.port() + "/report",
                    "-H",
                    "X-Duet-Status: 503",
                    "--rate",
                    "200..600",
                    "--duration",
                    "3s",
                    "--concurrency",
                    "4",
                    "--report",
                    page.toString());
            assertEquals(0, r.exitCode(), r.err());
        }
        open(page, List.of("throughput", "latency", "spectrum", "errors"));
        assertTrue(painted("throughput", BLUE) > 100, "the answers' line");
        assertTrue(painted("latency", BLUE) > 100, "the latency lines");
        assertTrue(painted("spectrum", BLUE) > 100, "the percentile spectrum");
        // the errors are bars, in the errors' colour
        assertTrue(painted("errors", RED) > 500, "the error bars: " + painted("errors", RED));
        List<WebElement> header = browser.findElements(By.cssSelector("#runs-table th"));
        assertEquals("run", header.get(0).getText());
        Files.write(dir.resolve("report.png"), browser.getScreenshotAs(OutputType.BYTES));
        Path kept = Path.of(System.getProperty("duet.report.screenshot", "target/bench-report.png"));
        Files.createDirectories(kept.toAbsolutePath().getParent());
        Files.write(kept, browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void savedRunsOverlayAndWhatTheySayIsTextOnly() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            String url = "http://127.0.0.1:" + server.port() + "/x";
            Files.writeString(
                    a,
                    ClientRun.run("bench", url, "--duration", "2s", "--concurrency", "2", "--json")
                            .out());
            Files.writeString(
                    b,
                    ClientRun.run("bench", url, "--rate", "300", "--duration", "2s", "--concurrency", "2", "--json")
                            .out());
        }
        // run b as a tally would have it: markup for a target and a replica's name
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode run = (ObjectNode) mapper.readTree(b.toFile());
        run.put("target", MARKUP);
        for (JsonNode second : run.get("series")) {
            ((ObjectNode) second).putObject("replicas").put(MARKUP, 3).put("server-2", 1);
        }
        mapper.writeValue(b.toFile(), run);
        Path page = dir.resolve("cmp.html");
        ClientRun.Result r = ClientRun.run("report", a.toString(), b.toString(), "--out", page.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out() + r.err());

        open(page, List.of("throughput", "latency", "spectrum", "errors", "replicas-1"));
        // both runs, by their files' names, and the markup as the text it is
        List<WebElement> runs = browser.findElements(By.cssSelector("#runs-table tr:first-child td"));
        assertEquals(
                List.of("a.json", "b.json"),
                runs.stream().map(WebElement::getText).toList());
        List<WebElement> targets = browser.findElements(By.cssSelector("#runs-table tr:nth-child(2) td"));
        assertEquals(MARKUP, targets.get(1).getText());
        String legend = browser.findElement(By.id("replicas-1")).getText();
        assertTrue(legend.contains(MARKUP) && legend.contains("server-2"), legend);
        assertTrue(browser.findElement(By.id("throughput")).getText().contains("b.json answered"));
        // the replicas' shares: 75% and 25% each second
        assertTrue(painted("replicas-1", BLUE) > 100, "the first replica's line");
        // the markup made nothing: no image, no script ran, no dialog
        assertEquals(List.of(), browser.findElements(By.tagName("img")));
        assertEquals(3L, js("return document.scripts.length;"), "the data block, uPlot and the page's own");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    }
}
