package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** --threshold: what each form means, and its verdict on measured runs. */
class ThresholdTest {
    @Test
    void eachFormParsesToWhatItSays() {
        assertEquals(new Threshold("p99<50ms", "latency", 99, "<", 50, false), Threshold.parse("p99<50ms"));
        assertEquals(
                new Threshold("p99.9 <= 0.2s", "latency", 99.9, "<=", 200, false), Threshold.parse(" p99.9 <= 0.2s "));
        assertEquals(new Threshold("p50<800us", "latency", 50, "<", 0.8, false), Threshold.parse("p50<800us"));
        assertEquals(new Threshold("max<1000", "latency", 100, "<", 1000, false), Threshold.parse("max<1000"));
        assertEquals(new Threshold("errors<0.1%", "errors", 0, "<", 0.1, true), Threshold.parse("errors<0.1%"));
        assertEquals(new Threshold("errors<=10", "errors", 0, "<=", 10, false), Threshold.parse("errors<=10"));
        assertEquals(
                new Threshold("rate>=0.95*target", "rate", 0, ">=", 0.95, true), Threshold.parse("rate>=0.95*target"));
        assertEquals(new Threshold("rate>900", "rate", 0, ">", 900, false), Threshold.parse("rate>900"));
    }

    @Test
    void whatIsNotAThresholdIsRefusedSayingWhatWasExpected() {
        for (String bad : List.of(
                "p99",
                "p99=50ms",
                "latency<5ms",
                "p99<50%",
                "errors<5ms",
                "rate>=0.9*goal",
                "p0<5ms",
                "p101<5ms",
                "rate>=95%",
                "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Threshold.parse(bad), bad);
            assertEquals(
                    true,
                    e.getMessage().contains("\"" + bad.strip() + "\"")
                            || e.getMessage().contains(bad),
                    e.getMessage());
        }
        assertEquals(
                "expected a threshold such as p99<50ms, errors<0.1% or rate>=0.95*target, got \"p99=50ms\"",
                assertThrows(IllegalArgumentException.class, () -> Threshold.parse("p99=50ms"))
                        .getMessage());
    }

    /** 1,000 answers: 990 at 1 ms, 10 at 100 ms; 5 more requests failed without an answer. */
    private static Threshold.Measured run(double perSecond, Double target) {
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(1_000, 990);
        latency.recordValueWithCount(100_000, 10);
        return new Threshold.Measured(latency, 1005, 5, perSecond, target);
    }

    @Test
    void latencyIsJudgedAtItsPercentile() {
        Threshold.Measured run = run(1000, null);
        assertEquals(
                new Threshold.Verdict("p99<2ms", true, 1.0, 2, "1.00ms"),
                Threshold.parse("p99<2ms").judge(run));
        assertEquals(
                new Threshold.Verdict("p99.9<2ms", false, 100.031, 2, "100.03ms"),
                Threshold.parse("p99.9<2ms").judge(run));
        assertEquals(
                false, Threshold.parse("max<=100ms").judge(run).holds(), "HdrHistogram's 100 ms bucket ends above");
        assertEquals(true, Threshold.parse("max<0.2s").judge(run).holds());
    }

    @Test
    void errorsAreJudgedAsAShareOfRequestsMadeOrAsACount() {
        Threshold.Measured run = run(1000, null);
        // 5 of 1,005 made: 0.4975%
        assertEquals(
                new Threshold.Verdict("errors<0.5%", true, 0.498, 0.5, "0.498%"),
                Threshold.parse("errors<0.5%").judge(run));
        assertEquals(false, Threshold.parse("errors<0.1%").judge(run).holds());
        assertEquals(true, Threshold.parse("errors<=5").judge(run).holds());
        assertEquals(false, Threshold.parse("errors<5").judge(run).holds());
    }

    @Test
    void theRateIsJudgedAgainstTheTargetOrANumber() {
        assertEquals(
                new Threshold.Verdict("rate>=0.95*target", true, 960.0, 950, "960.0/s"),
                Threshold.parse("rate>=0.95*target").judge(run(960, 1000.0)));
        assertEquals(
                false,
                Threshold.parse("rate>=0.95*target").judge(run(940, 1000.0)).holds());
        assertEquals(true, Threshold.parse("rate>900").judge(run(940, null)).holds());
        // no target to hold it to (a closed loop): it cannot hold
        assertEquals(
                false,
                Threshold.parse("rate>=0.95*target").judge(run(940, null)).holds());
    }

    @Test
    void nothingMeasuredHoldsNothing() {
        Threshold.Measured none = new Threshold.Measured(new Histogram(3), 0, 0, 0, 100.0);
        for (String t : List.of("p99<1s", "errors<1%", "rate>=0.5*target")) {
            Threshold.Verdict v = Threshold.parse(t).judge(none);
            assertEquals(false, v.holds(), t);
            assertEquals(null, v.value(), t);
            assertEquals(t + " BROKEN (nothing measured)", v.line());
        }
    }
}
