package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Weighted choices in fortio's form, {@code 503:10,200:90}: drawn per request from a generator the
 * seed decides, so the same seed gives the same answers in the same order, run after run.
 */
class WeightedControlsTest {
    @RegisterExtension
    static final RunningEchoServer seeded = new RunningEchoServer("--quiet", "--seed", "42");

    @RegisterExtension
    static final RunningEchoServer sameSeed = new RunningEchoServer("--quiet", "--seed", "42");

    @RegisterExtension
    static final RunningEchoServer otherSeed = new RunningEchoServer("--quiet", "--seed", "43");

    private static List<Integer> statuses(RunningEchoServer server, String target, int count) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RawHttp.Answer answer = RawHttp.request(server.port(), "GET", target);
            assertEquals(target, answer.text(), "the body is the target whatever was drawn");
            statuses.add(answer.status());
        }
        return statuses;
    }

    @Test
    void theSameSeedDrawsTheSameAnswersInTheSameOrder() throws Exception {
        String target = "/w?duet-status=503:30,200:70";
        List<Integer> first = statuses(seeded, target, 100);
        assertEquals(first, statuses(sameSeed, target, 100));
        assertNotEquals(first, statuses(otherSeed, target, 100));
        long failed = first.stream().filter(s -> s == 503).count();
        // 30 expected; a binomial(100, 0.3) is outside 12..48 about once in 10^5 seeds
        assertTrue(failed >= 12 && failed <= 48, "503s: " + failed + " of 100");
        assertEquals(100 - failed, first.stream().filter(s -> s == 200).count());
    }

    @Test
    void percentagesUnder100LeaveTheRestAsIfNotAsked() throws Exception {
        Set<Integer> seen = new HashSet<>(statuses(seeded, "/some?duet-status=503:50", 40));
        assertEquals(Set.of(200, 503), seen);
    }

    @Test
    void delaysAreDrawnTooAndServerTimingSaysWhich() throws Exception {
        Set<String> delays = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String timing = RawHttp.request(seeded.port(), "GET", "/d", "X-Duet-Delay: 0ms:50,150ms:50")
                    .header("Server-Timing");
            // a delay of nothing is no metric of its own
            delays.add(timing.contains("delay;") ? timing.substring(timing.indexOf("delay;")) : "none");
        }
        assertEquals(Set.of("none", "delay;dur=150.000"), delays);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "503:60,200:50|X-Duet-Status: the percentages add up to more than 100 in \"503:60,200:50\"",
                "503:ten|X-Duet-Status: expected a percentage from 0 to 100 after each ':', got \"ten\" in \"503:ten\"",
                "99:10,200:90|X-Duet-Status: expected a status from 200 to 599, got \"99\"",
                "503,200|X-Duet-Status: expected weighted choices such as 503:10,200:90, got \"503,200\"",
            })
    void aBadWeightIsRefusedNamingTheControl(String value, String reason) throws Exception {
        RawHttp.Answer answer = RawHttp.request(seeded.port(), "GET", "/bad", "X-Duet-Status: " + value);
        assertEquals(400, answer.status());
        assertEquals("400 Bad Request: " + reason + "\n", answer.text());
    }
}
