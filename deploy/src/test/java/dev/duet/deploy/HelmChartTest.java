package dev.duet.deploy;

import static dev.duet.deploy.KustomizeManifestsTest.env;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.duet.common.Needs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Helm chart, rendered offline by Helm itself (helm-java) and read by {@link ManifestCheck}. */
class HelmChartTest {

    static final Path CHART = Path.of(System.getProperty("duet.helm.chart", "helm/duet"));

    /** {@code helm template duet CHART --set KEY=VALUE...}, checked: no failure allowed. */
    static ManifestCheck.Result render(String... keyValues) {
        TemplateCommand template = new Helm(CHART).template().withName("duet");
        for (int i = 0; i < keyValues.length; i += 2) {
            template = template.set(keyValues[i], keyValues[i + 1]);
        }
        ManifestCheck.Result result = ManifestCheck.check(template.call());
        assertEquals(List.of(), result.failures());
        return result;
    }

    static Container server(ManifestCheck.Result result) {
        return pod(result.get(Deployment.class, "duet-server")).getContainers().get(0);
    }

    static Container client(ManifestCheck.Result result) {
        return result.get(Job.class, "duet-client")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
    }

    static PodSpec pod(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    /** Helm's own chart checks, warnings counted as failures. */
    @Test
    void helmLintStrictPasses() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertEquals(false, lint.isFailed(), String.join("\n", lint.getMessages()));
    }

    @Test
    void defaultsRenderTheFourObjects() {
        ManifestCheck.Result chart = render();
        assertEquals(ManifestCheck.DUET_OBJECTS, chart.described());
        Deployment deployment = chart.get(Deployment.class, "duet-server");
        assertEquals(3, deployment.getSpec().getReplicas());
        assertEquals(30L, pod(deployment).getTerminationGracePeriodSeconds());
        assertEquals(List.of("http"), server(chart).getArgs());
        assertEquals("duet-server:latest", server(chart).getImage());
        assertEquals(
                List.of("http://duet-server:8888/hello", "--count", "10", "--retry-for", "60s"),
                client(chart).getArgs());
        Hardening.assertHardened(pod(deployment));
        Hardening.assertHardened(
                chart.get(Job.class, "duet-client").getSpec().getTemplate().getSpec());
        assertEquals(
                Map.of(
                        "app.kubernetes.io/name", "duet",
                        "app.kubernetes.io/instance", "duet",
                        "app.kubernetes.io/component", "server"),
                chart.get(Service.class, "duet-server").getSpec().getSelector());
    }

    /** The chart's defaults and the Kustomize base run the same containers with the same settings. */
    @Test
    void defaultsMatchTheKustomizeBase() throws IOException {
        String why = Kubectl.unavailable();
        Needs.present(why == null, "kubectl, with kustomize: " + why);
        ManifestCheck.Result base = ManifestCheck.check(Kubectl.kustomize(KustomizeManifestsTest.BASE));
        ManifestCheck.Result chart = render();

        PodSpec fromBase = pod(base.get(Deployment.class, "duet-server"));
        PodSpec fromChart = pod(chart.get(Deployment.class, "duet-server"));
        assertEquals(fromBase.getContainers(), fromChart.getContainers());
        assertEquals(fromBase.getVolumes(), fromChart.getVolumes());
        assertEquals(fromBase.getSecurityContext(), fromChart.getSecurityContext());
        assertEquals(fromBase.getTerminationGracePeriodSeconds(), fromChart.getTerminationGracePeriodSeconds());
        assertEquals(
                base.get(Deployment.class, "duet-server").getSpec().getStrategy(),
                chart.get(Deployment.class, "duet-server").getSpec().getStrategy());
        assertEquals(
                base.get(Deployment.class, "duet-server")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations(),
                chart.get(Deployment.class, "duet-server")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations());

        PodSpec baseJob =
                base.get(Job.class, "duet-client").getSpec().getTemplate().getSpec();
        PodSpec chartJob =
                chart.get(Job.class, "duet-client").getSpec().getTemplate().getSpec();
        assertEquals(baseJob.getContainers(), chartJob.getContainers());
        assertEquals(baseJob.getVolumes(), chartJob.getVolumes());
    }

    @Test
    void tlsMountsTheSecretAndPassesItsFiles() {
        ManifestCheck.Result chart = render("tls.enabled", "true", "tls.secretName", "echo-cert");

        assertEquals(
                List.of("http", "--tls", "--cert", "/etc/duet/tls/tls.crt", "--key", "/etc/duet/tls/tls.key"),
                server(chart).getArgs());
        assertEquals(
                List.of("/tmp", "/etc/duet/tls (read-only)"),
                server(chart).getVolumeMounts().stream()
                        .map(HelmChartTest::show)
                        .toList());
        PodSpec serverPod = pod(chart.get(Deployment.class, "duet-server"));
        assertEquals("echo-cert", serverPod.getVolumes().get(1).getSecret().getSecretName());
        assertEquals(List.of(), serverPod.getVolumes().get(1).getSecret().getItems());

        // the client goes over https and trusts the server's certificate, and only gets that file
        assertEquals(
                List.of(
                        "https://duet-server:8888/hello",
                        "--count",
                        "10",
                        "--retry-for",
                        "60s",
                        "--cacert",
                        "/etc/duet/tls/tls.crt"),
                client(chart).getArgs());
        PodSpec clientPod =
                chart.get(Job.class, "duet-client").getSpec().getTemplate().getSpec();
        assertEquals("echo-cert", clientPod.getVolumes().get(1).getSecret().getSecretName());
        assertEquals(
                List.of("tls.crt"),
                clientPod.getVolumes().get(1).getSecret().getItems().stream()
                        .map(k -> k.getKey())
                        .toList());
        // the probes stay on the control plane, which TLS leaves plain HTTP (no scheme: HTTP)
        assertEquals(
                "admin",
                server(chart).getReadinessProbe().getHttpGet().getPort().getStrVal());
        assertEquals(null, server(chart).getReadinessProbe().getHttpGet().getScheme());
    }

    @Test
    void valuesChangeWhatTheySay() {
        ManifestCheck.Result chart = render(
                "replicaCount", "5",
                "image.server.tag", "1.2.3",
                "image.server.pullPolicy", "Always",
                "image.client.repository", "registry.example/duet-client",
                "ports.echo", "9000",
                "ports.admin", "9001",
                "drainDelay", "10",
                "shutdownTimeout", "40",
                "clientJob.count", "3",
                "resources.limits.memory", "512Mi");

        Deployment deployment = chart.get(Deployment.class, "duet-server");
        assertEquals(5, deployment.getSpec().getReplicas());
        Container server = server(chart);
        assertEquals("duet-server:1.2.3", server.getImage());
        assertEquals("Always", server.getImagePullPolicy());
        assertEquals(
                List.of("echo=9000", "admin=9001"),
                server.getPorts().stream()
                        .map(p -> p.getName() + "=" + p.getContainerPort())
                        .toList());
        assertEquals("9000", env(server, "DUET_PORT").getValue());
        assertEquals("9001", env(server, "DUET_ADMIN_PORT").getValue());
        assertEquals(
                "9001",
                deployment
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get("prometheus.io/port"));
        assertEquals("10s", env(server, "DUET_DRAIN_DELAY").getValue());
        assertEquals("40s", env(server, "DUET_SHUTDOWN_TIMEOUT").getValue());
        assertEquals(60L, pod(deployment).getTerminationGracePeriodSeconds());
        assertEquals("512Mi", server.getResources().getLimits().get("memory").toString());
        assertEquals(
                List.of(9000, 9001),
                chart.get(Service.class, "duet-server").getSpec().getPorts().stream()
                        .map(p -> p.getPort())
                        .toList());
        assertEquals("registry.example/duet-client:latest", client(chart).getImage());
        assertEquals(
                List.of("http://duet-server:9000/hello", "--count", "3", "--retry-for", "60s"),
                client(chart).getArgs());
    }

    @Test
    void theAdminTokenComesFromTheSecretNamedOrNowhere() {
        Container server = server(render(
                "adminToken.secretName", "ops-token", "adminToken.secretKey", "admin", "adminToken.optional", "false"));
        assertEquals(
                new SecretKeySelector("admin", "ops-token", false),
                env(server, "DUET_ADMIN_TOKEN").getValueFrom().getSecretKeyRef());
        assertEquals(
                List.of(),
                server(render("adminToken.secretName", "")).getEnv().stream()
                        .filter(e -> e.getName().equals("DUET_ADMIN_TOKEN"))
                        .toList());
    }

    /** toYaml passes a misspelled resources key straight through: the check names it. */
    @Test
    void aMisspelledValueIsNamed() {
        String rendered = new Helm(CHART)
                .template()
                .withName("duet")
                .set("resources.limitz.memory", "1Gi")
                .call();
        assertEquals(
                List.of("Deployment/duet-server: spec.template.spec.containers[0].resources.limitz: unknown field"),
                ManifestCheck.check(rendered).failures());
    }

    @Test
    void clientJobCanBeLeftOut() {
        ManifestCheck.Result chart = render("clientJob.enabled", "false");
        assertEquals(
                List.of("Deployment/duet-server", "PodDisruptionBudget/duet-server", "Service/duet-server"),
                chart.described());
    }

    private static String show(VolumeMount mount) {
        return mount.getMountPath() + (Boolean.TRUE.equals(mount.getReadOnly()) ? " (read-only)" : "");
    }
}
