package dev.duet.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.duet.client.ClientRun;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** A password never reaches a message or a report, in a URL that parses or one that does not. */
class ShownUrlTest {
    @Test
    void aParsedUrlsPasswordIsHidden() {
        assertEquals("http://ann:***@host/x", ShownUrl.of(HttpUrl.get("http://ann:secret@host/x")));
        assertEquals("http://host/x", ShownUrl.of(HttpUrl.get("http://host/x")));
    }

    @Test
    void textThatIsNotAUrlHidesEverythingUpToTheLastAt() {
        assertEquals("http://u:***@host:1/x", ShownUrl.of("http://u:a/b@host:1/x"));
        assertEquals("http://u:***@host/x", ShownUrl.of("http://u:p@ss@host/x"));
        assertEquals("u:***@host:99999/x", ShownUrl.of("u:a/b@host:99999/x"));
        assertEquals("http://user@host:x/", ShownUrl.of("http://user@host:x/"), "no password, nothing hidden");
        assertEquals("http://host:x/a?q=b@c", ShownUrl.of("http://host:x/a?q=b@c"), "an @ in the query is no userinfo");
        assertEquals("http://", ShownUrl.of("http://"));
    }

    @Test
    void aMalformedUrlsMessageNamesNoPassword() {
        ClientRun.Result r = ClientRun.run("http://u:a/b@host:1/x", "--json");
        assertEquals(3, r.exitCode());
        assertFalse(r.err().contains("a/b"), r.err());
        assertEquals("duet-client: not a valid http or https URL: \"http://u:***@host:1/x\"\n", r.err());
        ClientRun.Result ws = ClientRun.run("ws", "ws://u:a/b@host:1/x");
        assertFalse(ws.err().contains("a/b"), ws.err());
    }
}
