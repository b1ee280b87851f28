package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.duet.server.HeadlessChromium;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code --cors} in a real browser (headless Chromium): a page served from another port, so
 * another origin, calls the echo with {@code fetch} (custom headers, so a preflight first) and
 * with an {@code EventSource} reading a streamed answer; it can read the answers when its origin
 * is allowed, and the browser blocks them when it is not.
 */
class CorsBrowserTest {
    /** The page: it writes what it could read of each call into #fetch and #events, as text. */
    private static final String PAGE = """
            <!DOCTYPE html><html><body><p id="fetch">waiting</p><p id="events">waiting</p><script>
            const query = new URLSearchParams(location.search);
            const echo = query.get('echo');
            fetch(echo + '/api?x=1', {method: 'PUT', credentials: query.get('credentials'),
                headers: {'X-Duet-Status': '202', 'Authorization': 'Bearer t'}})
              .then(r => r.text().then(t => {
                document.getElementById('fetch').textContent =
                    r.status + ' ' + t + ' timing:' + (r.headers.get('Server-Timing') !== null);
              }))
              .catch(e => { document.getElementById('fetch').textContent = 'blocked: ' + e.name; });
            const ids = [];
            const source = new EventSource(echo + '/sse?duet-stream=3x100ms');
            source.onmessage = e => {
              ids.push(e.lastEventId + '=' + e.data);
              if (ids.length === 3) { source.close(); document.getElementById('events').textContent = ids.join(' '); }
            };
            source.onerror = () => {
              if (ids.length < 3) { source.close(); document.getElementById('events').textContent = 'blocked'; }
            };
            </script></body></html>
            """;

    @TempDir
    Path profile;

    private HttpServer pages;
    private HttpEchoServer echo;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        browser = HeadlessChromium.start("CorsBrowserTest", profile);
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pages.createContext("/", exchange -> {
            byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        pages.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (pages != null) {
            pages.stop(0);
        }
        if (echo != null) {
            echo.close();
        }
    }

    /**
     * Opens the page, which calls the echo, sending cookies or not ({@code include}, {@code omit});
     * returns what it could read of the fetch and of the events.
     */
    private String[] visit(String credentials, String... cors) {
        String[] words = new String[cors.length + 1];
        words[0] = "--quiet";
        System.arraycopy(cors, 0, words, 1, cors.length);
        if (echo != null) {
            echo.close();
        }
        echo = HttpEchoServer.start(HttpServerConfig.ephemeral(words));
        browser.get("http://127.0.0.1:" + pages.getAddress().getPort() + "/?credentials=" + credentials
                + "&echo=http://127.0.0.1:" + echo.port());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(b -> !b.findElement(By.id("fetch")).getText().equals("waiting")
                && !b.findElement(By.id("events")).getText().equals("waiting"));
        return new String[] {
            browser.findElement(By.id("fetch")).getText(),
            browser.findElement(By.id("events")).getText()
        };
    }

    @Test
    void aPageOfAnyOriginCallsTheEchoAndReadsItsAnswers() {
        String[] read = visit("omit", "--cors");
        assertEquals("202 /api?x=1 timing:true", read[0]);
        assertEquals("1=/sse?duet-stream=3x100ms 2=/sse?duet-stream=3x100ms 3=/sse?duet-stream=3x100ms", read[1]);
        // but not with its cookies: the JSON echo would show them to a page of any origin
        assertEquals("blocked: TypeError", visit("include", "--cors")[0]);
    }

    @Test
    void aListedOriginMaySendCredentialsAndReadEverything() {
        String page = "http://127.0.0.1:" + pages.getAddress().getPort();
        String[] read = visit("include", "--cors", "https://elsewhere.example," + page);
        assertEquals("202 /api?x=1 timing:true", read[0]);
        assertEquals("1=/sse?duet-stream=3x100ms 2=/sse?duet-stream=3x100ms 3=/sse?duet-stream=3x100ms", read[1]);
    }

    @Test
    void aPageOfAnOriginNotListedIsBlockedByTheBrowser() {
        String[] read = visit("omit", "--cors", "https://elsewhere.example");
        assertEquals("blocked: TypeError", read[0]);
        assertEquals("blocked", read[1]);
    }

    @Test
    void withoutCorsThePageIsBlocked() {
        String[] read = visit("omit");
        assertEquals("blocked: TypeError", read[0]);
        assertEquals("blocked", read[1]);
    }
}
