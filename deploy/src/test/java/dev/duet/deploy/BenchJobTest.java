package dev.duet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Load from many machines on Kubernetes: the Indexed Job of bench workers (deploy/k8s/bench and the
 * chart's benchJob), checked offline as the base is: N workers at once, never run again, spread over
 * the nodes, each printing its run as JSON for duet-client merge.
 */
class BenchJobTest {
    private static final Path BENCH = KustomizeManifestsTest.BASE.resolve("bench");

    /** What each worker must be, whichever way it was made. */
    private static void assertWorkers(Job job, int workers, List<String> args) {
        JobSpec spec = job.getSpec();
        assertEquals("Indexed", spec.getCompletionMode());
        assertEquals(workers, spec.getCompletions());
        assertEquals(workers, spec.getParallelism(), "all the workers load at once");
        assertEquals(0, spec.getBackoffLimit(), "a failed worker is not run again, its requests counted twice");
        PodSpec pod = spec.getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());
        Hardening.assertHardened(pod);
        assertEquals(
                "kubernetes.io/hostname",
                pod.getTopologySpreadConstraints().get(0).getTopologyKey());
        assertEquals(
                spec.getTemplate().getMetadata().getLabels(),
                pod.getTopologySpreadConstraints().get(0).getLabelSelector().getMatchLabels(),
                "the spread counts the workers themselves");
        Container bench = pod.getContainers().get(0);
        assertEquals(args, bench.getArgs());
        assertEquals(new Quantity("1"), bench.getResources().getRequests().get("cpu"));
        assertEquals(null, bench.getResources().getLimits().get("cpu"), "no CPU quota to throttle the timetable");
    }

    @Test
    void theKustomizeBenchIsAnIndexedJobOfWorkersAgainstTheService() throws IOException {
        String why = Kubectl.unavailable();
        Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
        ManifestCheck.Result bench = ManifestCheck.check(Kubectl.kustomize(BENCH));
        assertEquals(List.of(), bench.failures());
        assertEquals(List.of("Job/duet-bench"), bench.described());
        assertWorkers(
                bench.get(Job.class, "duet-bench"),
                3,
                List.of(
                        "bench",
                        "http://duet-server:8888/hello",
                        "--rate",
                        "500",
                        "--duration",
                        "30s",
                        "--concurrency",
                        "20",
                        "--json"));
    }

    @Test
    void theChartsBenchJobIsOffByDefaultAndTheSameJobWhenOn() throws IOException {
        assertEquals(ManifestCheck.DUET_OBJECTS, HelmChartTest.render().described());
        ManifestCheck.Result chart =
                HelmChartTest.render("benchJob.enabled", "true", "benchJob.workers", "5", "benchJob.rate", "800");
        assertWorkers(
                chart.get(Job.class, "duet-bench"),
                5,
                List.of(
                        "bench",
                        "http://duet-server:8888/hello",
                        "--rate",
                        "800",
                        "--duration",
                        "30s",
                        "--concurrency",
                        "20",
                        "--json"));
        assertEquals(
                Map.of(
                        "app.kubernetes.io/name", "duet",
                        "app.kubernetes.io/instance", "duet",
                        "app.kubernetes.io/component", "bench"),
                chart.get(Job.class, "duet-bench")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels());
        String why = Kubectl.unavailable();
        Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
        // the chart's worker is the Kustomize one, but for the rate set above
        Container fromBase = ManifestCheck.check(Kubectl.kustomize(BENCH))
                .get(Job.class, "duet-bench")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        Container fromChart = HelmChartTest.render("benchJob.enabled", "true")
                .get(Job.class, "duet-bench")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertEquals(fromBase, fromChart);
    }
}
