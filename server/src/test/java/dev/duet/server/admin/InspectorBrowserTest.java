package dev.duet.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.common.Digests;
import dev.duet.server.EchoWithAdmin;
import dev.duet.server.HeadlessChromium;
import dev.duet.server.http.HttpEchoServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live request inspector in a real browser (headless Chromium): requests appear as they are
 * made, request data is shown as text only — markup in a target creates no element and runs no
 * script — and the chart is drawn. Needs Debian's chromium and chromium-driver, which .ci/run
 * installs.
 */
class InspectorBrowserTest {
    private static final String MARKUP = "/<img/src=x/onerror=alert(1)>";

    @TempDir
    Path profile;

    private HttpEchoServer echo;
    private AdminServer admin;
    private ChromeDriver browser;

    @BeforeEach
    void start() {
        browser = HeadlessChromium.start("InspectorBrowserTest", profile);
        EchoWithAdmin servers =
                EchoWithAdmin.start("browser-1", AdminToken.NONE, "--quiet", "--log-headers", "--log-body", "64");
        echo = servers.echo();
        admin = servers.admin();
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

    @Test
    void aRequestsDetailShowsItsHeadersAndBodyRedactedAndAsTextOnly() throws Exception {
        browser.get("http://127.0.0.1:" + admin.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(5));
        wait.until(b -> b.findElement(By.id("status")).getText().startsWith("live"));
        // the default controls in force are shown, and follow a change
        echo.defaultControls().set("status=503:10");
        wait.until(b -> b.findElement(By.id("defaults")).getText().equals("status=503:10"));
        echo.defaultControls().clear();
        wait.until(b -> b.findElement(By.id("defaults")).getText().equals("none"));

        String body = "hello <script>alert(2)</script>";
        try (Socket socket = new Socket("127.0.0.1", echo.port())) {
            socket.getOutputStream()
                    .write(("POST /form HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                    + "Authorization: Bearer secret-token\r\nX-Note: <b>bold</b>\r\n"
                                    + "Content-Length: " + body.length() + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.UTF_8));
            socket.getInputStream().readAllBytes();
        }
        wait.until(b -> b.findElements(By.cssSelector("#requests tr")).size() == 1);
        browser.findElement(By.cssSelector("#requests tr")).click();
        wait.until(b -> b.findElement(By.id("detail")).isDisplayed());

        List<String> headers = browser.findElements(By.cssSelector("#detail-headers tr")).stream()
                .map(WebElement::getText)
                .toList();
        assertTrue(headers.contains("Authorization <redacted: 19 bytes>"), headers.toString());
        assertTrue(headers.contains("X-Note <b>bold</b>"), headers.toString());
        assertTrue(!String.join("", headers).contains("secret-token"), "the token is never shown");
        List<String> kept = browser.findElements(By.cssSelector("#detail-body tr")).stream()
                .map(WebElement::getText)
                .toList();
        assertEquals(
                List.of(
                        "bytes " + body.length(),
                        "sha256 " + Digests.sha256(body.getBytes(StandardCharsets.UTF_8)),
                        "text " + body),
                kept);
        assertEquals(List.of(), browser.findElements(By.tagName("b")), "markup in a header made no element");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
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
