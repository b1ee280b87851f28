package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers per replica, second by second: what a rolling update looks like in numbers. */
class TimelineTest {
    private static final long SECOND = 1_000_000_000L;

    private static Map<String, Long> answers(Object... nameCount) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < nameCount.length; i += 2) {
            map.put((String) nameCount[i], ((Number) nameCount[i + 1]).longValue());
        }
        return map;
    }

    @Test
    void eachSecondNamesEveryReplicaWithItsAnswersThen() {
        Timeline timeline = new Timeline(10);
        timeline.answered("old", 0);
        timeline.answered("old", SECOND - 1);
        timeline.answered("old", SECOND);
        timeline.answered("new", SECOND + 5);
        timeline.answered("new", 2 * SECOND);
        timeline.answered("new", 2 * SECOND + 1);
        assertEquals(
                List.of(
                        new Timeline.Second(0, answers("new", 0, "old", 2)),
                        new Timeline.Second(1, answers("new", 1, "old", 1)),
                        new Timeline.Second(2, answers("new", 2, "old", 0))),
                timeline.seconds(),
                "the old replica's share falls to nothing; the seconds end with the last answer");
    }

    @Test
    void aQuietSecondInTheMiddleIsStillThere() {
        Timeline timeline = new Timeline(10);
        timeline.answered("a", 0);
        timeline.answered("a", 3 * SECOND);
        assertEquals(4, timeline.seconds().size());
        assertEquals(answers("a", 0), timeline.seconds().get(2).answers());
    }

    @Test
    void answersPastTheRunsLengthCountInItsLastSecondAndBeforeItsStartInTheFirst() {
        Timeline timeline = new Timeline(3);
        timeline.answered("a", 99 * SECOND);
        timeline.answered("a", -5);
        assertEquals(
                List.of(
                        new Timeline.Second(0, answers("a", 1)),
                        new Timeline.Second(1, answers("a", 0)),
                        new Timeline.Second(2, answers("a", 1))),
                timeline.seconds());
    }

    @Test
    void nothingAnsweredIsNoSecondAtAll() {
        assertEquals(List.of(), new Timeline(5).seconds());
    }

    @Test
    void errorsGoToTheReplicaOfTheirConnectionOrToTheOneThatWasDraining() {
        Replicas replicas = new Replicas(10);
        replicas.begin(0);
        replicas.failed(null); // nobody has drained yet: counted in the run, not against a replica
        replicas.answered("a", false, SECOND, 1_000, 200);
        replicas.answered("b", true, SECOND, 3_000, 200);
        replicas.answered("b", true, SECOND, 3_000, 503);
        replicas.answered(null, false, SECOND, 500, 502); // a hop's own answer: in the shares' whole only
        replicas.failed("a");
        replicas.failed(null); // a new connection refused while b drains: b's
        Map<String, Replicas.Summary> summaries = Replicas.summaries(replicas.parts(), 4); // the run's 4 answers
        assertEquals(
                Map.of(
                        "b", new Replicas.Summary(2, 0.5, 3.0, 3.0, 2),
                        "a", new Replicas.Summary(1, 0.25, 1.0, 1.0, 1)),
                summaries);
        assertEquals(List.of("b", "a"), List.copyOf(summaries.keySet()), "most answers first");
        assertEquals(true, replicas.drained("b"));
        assertEquals(false, replicas.drained("a"));
    }
}
