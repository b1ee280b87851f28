package dev.duet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.common.Needs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Kustomize base, rendered by the real {@code kubectl kustomize} and read by {@link ManifestCheck}. */
class KustomizeManifestsTest {

    /** This module's own base. */
    static final Path BASE = Path.of("k8s").toAbsolutePath();

    // before each test, not once: a skip is then reported, with its reason, for every test
    @BeforeEach
    void kubectlIsHere() {
        String why = Kubectl.unavailable();
        Needs.present(why == null, "kubectl, with kustomize: " + why);
    }

    /**
     * What scripts/k8s-validate.sh runs: the directory in duet.k8s.dir, by default this module's
     * base. With duet.k8s.report set, it also writes there what the script prints after "DIR: ".
     */
    @Test
    void configuredDirectoryIsValid() throws IOException {
        Path dir = Path.of(System.getProperty("duet.k8s.dir", BASE.toString()));
        ManifestCheck.Result result;
        try {
            result = ManifestCheck.check(Kubectl.kustomize(dir));
        } catch (IOException e) {
            report(e.getMessage());
            throw e;
        }
        String outcome = result.valid()
                ? result.documents().size() + " documents, valid"
                : result.failures().size()
                        + (result.failures().size() == 1 ? " failure:\n  " : " failures:\n  ")
                        + String.join("\n  ", result.failures());
        report(result.documents().isEmpty() && result.valid() ? "no documents" : outcome);
        assertTrue(result.valid(), dir + ": " + outcome);
        assertTrue(result.documents().size() > 0, dir + " renders no documents");
    }

    private static void report(String outcome) throws IOException {
        String file = System.getProperty("duet.k8s.report");
        if (file != null) {
            Files.writeString(Path.of(file), outcome + "\n");
        }
    }

    @Test
    void baseIsWhatDocsDescribe() throws IOException {
        ManifestCheck.Result base = ManifestCheck.check(Kubectl.kustomize(BASE));
        assertEquals(List.of(), base.failures());
        assertEquals(ManifestCheck.DUET_OBJECTS, base.described());

        Deployment deployment = base.get(Deployment.class, "duet-server");
        assertEquals(3, deployment.getSpec().getReplicas());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container server = pod.getContainers().get(0);
        assertEquals("duet-server:latest", server.getImage());
        assertEquals("IfNotPresent", server.getImagePullPolicy());
        assertEquals(List.of("http"), server.getArgs());
        assertEquals("/readyz", server.getReadinessProbe().getHttpGet().getPath());
        assertEquals("admin", server.getReadinessProbe().getHttpGet().getPort().getStrVal());
        assertEquals("/healthz", server.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/healthz", server.getStartupProbe().getHttpGet().getPath());
        assertEquals(
                Map.of(
                        "requests",
                        Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")),
                        "limits",
                        Map.of("memory", new Quantity("384Mi"))),
                Map.of(
                        "requests",
                        server.getResources().getRequests(),
                        "limits",
                        server.getResources().getLimits()));
        assertEquals(
                "metadata.name",
                env(server, "DUET_NAME").getValueFrom().getFieldRef().getFieldPath());
        // the control plane's token, from a Secret that may be absent (then there is none)
        assertEquals(
                new SecretKeySelector("token", "duet-admin-token", true),
                env(server, "DUET_ADMIN_TOKEN").getValueFrom().getSecretKeyRef());
        assertEquals(
                Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "8889", "prometheus.io/path", "/metrics"),
                deployment.getSpec().getTemplate().getMetadata().getAnnotations());

        // the grace period outlasts the drain delay and the shutdown timeout together
        Duration drain = Duration.parse("PT" + env(server, "DUET_DRAIN_DELAY").getValue());
        Duration shutdown =
                Duration.parse("PT" + env(server, "DUET_SHUTDOWN_TIMEOUT").getValue());
        assertEquals(Duration.ofSeconds(20), drain.plus(shutdown));
        assertEquals(30L, pod.getTerminationGracePeriodSeconds());

        Hardening.assertHardened(pod);
        assertEquals(
                1,
                base.get(PodDisruptionBudget.class, "duet-server")
                        .getSpec()
                        .getMaxUnavailable()
                        .getIntVal());
        assertEquals(
                List.of("echo:8888->echo", "admin:8889->admin"),
                base.get(Service.class, "duet-server").getSpec().getPorts().stream()
                        .map(p -> p.getName() + ":" + p.getPort() + "->"
                                + p.getTargetPort().getStrVal())
                        .toList());

        Job job = base.get(Job.class, "duet-client");
        Container client = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("duet-client:latest", client.getImage());
        assertEquals(List.of("http://duet-server:8888/hello", "--count", "10", "--retry-for", "60s"), client.getArgs());
        assertEquals(2, job.getSpec().getBackoffLimit());
        assertEquals(3600, job.getSpec().getTtlSecondsAfterFinished());
        Hardening.assertHardened(job.getSpec().getTemplate().getSpec());
    }

    @ParameterizedTest(name = "{1} -> {2} in {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "server-deployment.yaml | readinessProbe: | readinessProbes: |"
                        + " Deployment/duet-server: spec.template.spec.containers[0].readinessProbes: unknown field",
                "server-deployment.yaml | containerPort: 8889 | containerPorts: 8889 |"
                        + " Deployment/duet-server: spec.template.spec.containers[0].ports[1].containerPorts: unknown field",
                "client-job.yaml | ttlSecondsAfterFinished: | ttlSecondAfterFinished: |"
                        + " Job/duet-client: spec.ttlSecondAfterFinished: unknown field",
                "server-pdb.yaml | kind: PodDisruptionBudget | kind: PodDisruptionBudgets |"
                        + " PodDisruptionBudgets/duet-server: unknown kind PodDisruptionBudgets in apiVersion policy/v1",
                "server-service.yaml | targetPort: admin | targetPort: admn |"
                        + " Service/duet-server: spec.ports[1].targetPort: 'admn' is not a port of the selected containers"
                        + " [echo=8888, admin=8889]",
            })
    void oneMistakeIsNamed(String file, String from, String to, String expected, @TempDir Path copy)
            throws IOException {
        copyBase(copy);
        Path target = copy.resolve(file);
        String text = Files.readString(target);
        assertEquals(1, occurrences(text, from), "'" + from + "' once in " + file);
        Files.writeString(target, text.replace(from, to));

        assertEquals(
                List.of(expected), ManifestCheck.check(Kubectl.kustomize(copy)).failures());
    }

    @Test
    void aProbeOnAnUndeclaredPortIsNamed(@TempDir Path copy) throws IOException {
        copyBase(copy);
        Path deployment = copy.resolve("server-deployment.yaml");
        String text = Files.readString(deployment);
        String probe = "path: /readyz\n              port: admin";
        assertTrue(text.contains(probe));
        Files.writeString(deployment, text.replace(probe, "path: /readyz\n              port: 9999"));

        assertEquals(
                List.of("Deployment/duet-server: spec.template.spec.containers[0].readinessProbe.httpGet.port: 9999"
                        + " is not a port of container server [echo=8888, admin=8889]"),
                ManifestCheck.check(Kubectl.kustomize(copy)).failures());
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    static void copyBase(Path to) throws IOException {
        try (Stream<Path> files = Files.list(BASE)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    static EnvVar env(Container container, String name) {
        return container.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }
}
