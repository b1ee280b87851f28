package dev.duet.client.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The comparison of a request as sent with the request as received, one rule a test. */
class RequestDiffTest {
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static RequestView side(String protocol, Set<String> caseUnknown, String... headers) {
        List<RequestView.Header> list = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            list.add(new RequestView.Header(headers[i], headers[i + 1]));
        }
        return new RequestView("GET", "/t", protocol, false, null, null, list, caseUnknown, 0, EMPTY, "127.0.0.1:5000");
    }

    private static RequestView h1(String... headers) {
        return side("HTTP/1.1", Set.of(), headers);
    }

    private static String json(DiffReport report) throws Exception {
        return new ObjectMapper().writeValueAsString(report);
    }

    @Test
    void theSameRequestIsSameWithEveryKeyEmpty() throws Exception {
        DiffReport d = RequestDiff.compare("http://x/t", h1("Host", "x", "A", "1"), h1("Host", "x", "A", "1"));
        assertEquals(
                "{\"url\":\"http://x/t\",\"same\":true,\"added\":{},\"removed\":{},\"changed\":{},\"caseChanged\":{},"
                        + "\"target\":{},\"method\":{},\"protocol\":{},\"tls\":{},\"body\":{},\"caller\":{},\"hops\":[]}",
                json(d));
        assertEquals(List.of(), DiffText.lines(d));
    }

    @Test
    void addedRemovedAndChangedHeadersAreNamedAsEachEndSpeltThem() throws Exception {
        DiffReport d = RequestDiff.compare(
                "u", h1("Host", "a", "X-Gone", "1", "X-Edit", "old"), h1("Host", "b", "x-edit", "new", "X-New", "2"));
        assertEquals("{\"X-New\":[\"2\"]}", new ObjectMapper().writeValueAsString(d.added()));
        assertEquals("{\"X-Gone\":[\"1\"]}", new ObjectMapper().writeValueAsString(d.removed()));
        assertEquals(
                "{\"Host\":{\"sent\":[\"a\"],\"received\":[\"b\"]},\"X-Edit\":{\"sent\":[\"old\"],\"received\":[\"new\"]}}",
                new ObjectMapper().writeValueAsString(d.changed()));
        assertEquals("{\"X-Edit\":\"x-edit\"}", new ObjectMapper().writeValueAsString(d.caseChanged()));
        assertEquals(false, d.same());
        assertEquals(
                List.of(
                        "added    X-New: 2",
                        "removed  X-Gone: 1",
                        "changed  Host: a -> b",
                        "changed  X-Edit: old -> new",
                        "case     X-Edit -> x-edit"),
                DiffText.lines(d));
    }

    @Test
    void aChangeOfCaseAloneIsReportedOnItsOwn() {
        DiffReport d = RequestDiff.compare("u", h1("X-Legacy-Key", "k"), h1("x-legacy-key", "k"));
        assertEquals(List.of("case     X-Legacy-Key -> x-legacy-key"), DiffText.lines(d));
        assertTrue(d.changed().isEmpty());
    }

    @Test
    void caseIsNoChangeWhereHttp2DecidesItOrTheServerCannotTell() {
        assertTrue(RequestDiff.compare("u", h1("X-Key", "k"), side("HTTP/2", Set.of(), "x-key", "k"))
                .caseChanged()
                .isEmpty());
        assertTrue(RequestDiff.compare("u", side("HTTP/2", Set.of(), "x-key", "k"), h1("X-Key", "k"))
                .caseChanged()
                .isEmpty());
        // the server's HTTP/1.1 parser spells User-Agent its own way, whatever came
        DiffReport d = RequestDiff.compare(
                "u", h1("user-agent", "a"), side("HTTP/1.1", Set.of("User-Agent"), "User-Agent", "a"));
        assertTrue(d.same(), d.toString());
    }

    @Test
    void repeatedHeadersCompareAsTheirValuesInOrder() {
        assertTrue(RequestDiff.compare("u", h1("V", "1", "V", "2"), h1("V", "1", "V", "2"))
                .same());
        DiffReport reordered = RequestDiff.compare("u", h1("V", "1", "V", "2"), h1("V", "2", "V", "1"));
        assertEquals(List.of("changed  V: [1 | 2] -> [2 | 1]"), DiffText.lines(reordered));
        DiffReport joined = RequestDiff.compare("u", h1("V", "1", "V", "2"), h1("V", "1, 2"));
        assertEquals(List.of("changed  V: [1 | 2] -> 1, 2"), DiffText.lines(joined));
    }

    @Test
    void theOrderOfDifferentHeadersIsNoChange() {
        assertTrue(RequestDiff.compare("u", h1("A", "1", "B", "2"), h1("B", "2", "A", "1"))
                .same());
    }

    @Test
    void anEmptyBodyIsNoBodyButAnAddedContentLengthIsAHeader() {
        DiffReport d = RequestDiff.compare("u", h1("A", "1"), h1("A", "1", "Content-Length", "0"));
        assertTrue(d.body().isEmpty());
        assertEquals(List.of("added    Content-Length: 0"), DiffText.lines(d));
    }

    @Test
    void aChangedBodyShowsBothLengthsAndHashes() throws Exception {
        RequestView sent = new RequestView(
                "GET",
                "/t",
                "HTTP/1.1",
                false,
                null,
                null,
                List.of(),
                Set.of(),
                5,
                "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                "127.0.0.1:5000");
        DiffReport d = RequestDiff.compare("u", sent, h1());
        assertEquals(
                "{\"sent\":{\"bytes\":5,\"sha256\":\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\"},"
                        + "\"received\":{\"bytes\":0,\"sha256\":\"" + EMPTY + "\"}}",
                new ObjectMapper().writeValueAsString(d.body()));
        assertEquals(
                List.of("body     5 bytes (sha256 2cf24dba5fb0...) -> 0 bytes (sha256 e3b0c44298fc...)"),
                DiffText.lines(d));
    }

    @Test
    void hopsAndTheCallerTheyForwardedFor() throws Exception {
        RequestView received = new RequestView(
                "GET",
                "/x/t",
                "HTTP/1.1",
                false,
                null,
                null,
                List.of(
                        new RequestView.Header("Via", "1.1 varnish"),
                        new RequestView.Header("X-Forwarded-For", "10.0.0.1, 127.0.0.1")),
                Set.of(),
                0,
                EMPTY,
                "127.0.0.1:6000");
        DiffReport d = RequestDiff.compare("u", h1(), received);
        assertEquals(
                "[{\"header\":\"Via\",\"value\":\"1.1 varnish\"},"
                        + "{\"header\":\"X-Forwarded-For\",\"value\":\"10.0.0.1, 127.0.0.1\"}]",
                new ObjectMapper().writeValueAsString(d.hops()));
        assertEquals(
                "{\"local\":\"127.0.0.1:5000\",\"seenByServer\":\"127.0.0.1:6000\","
                        + "\"forwardedFor\":[\"10.0.0.1\",\"127.0.0.1\"]}",
                new ObjectMapper().writeValueAsString(d.caller()));
        assertEquals("{\"sent\":\"/t\",\"received\":\"/x/t\"}", new ObjectMapper().writeValueAsString(d.target()));
    }

    @Test
    void credentialsAreNeverPrintedButTheirChangeIs() {
        DiffReport d = RequestDiff.compare("u", h1("Authorization", "Bearer a"), h1("Authorization", "Bearer b"));
        assertEquals(
                List.of("changed  Authorization: <redacted: 8 bytes, sha256 122c4e37> -> <redacted: 8 bytes, sha256 "
                        + "929ce5ee>"),
                DiffText.lines(d));
    }
}
