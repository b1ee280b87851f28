package dev.duet.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The mistakes a schema cannot see, because each object is valid alone: a workload whose selector
 * does not match its own pods, a probe aimed at a port the container does not declare, a Service
 * that selects no pods here or forwards to a port name no selected container declares.
 */
final class Consistency {

    private Consistency() {}

    static List<String> check(List<HasMetadata> documents) {
        List<String> failures = new ArrayList<>();
        for (HasMetadata object : documents) {
            podTemplate(object).ifPresent(template -> {
                selector(object).ifPresent(selector -> checkSelector(object, selector, template, failures));
                checkProbes(object, template, failures);
            });
            if (object instanceof Service service) {
                checkService(service, documents, failures);
            }
        }
        return failures;
    }

    /** The pods a workload makes; a Job's selector is generated, so only its template is checked. */
    static Optional<PodTemplateSpec> podTemplate(HasMetadata object) {
        if (object instanceof Deployment d && d.getSpec() != null) {
            return Optional.ofNullable(d.getSpec().getTemplate());
        } else if (object instanceof StatefulSet s && s.getSpec() != null) {
            return Optional.ofNullable(s.getSpec().getTemplate());
        } else if (object instanceof DaemonSet d && d.getSpec() != null) {
            return Optional.ofNullable(d.getSpec().getTemplate());
        } else if (object instanceof Job j && j.getSpec() != null) {
            return Optional.ofNullable(j.getSpec().getTemplate());
        }
        return Optional.empty();
    }

    private static Optional<LabelSelector> selector(HasMetadata object) {
        if (object instanceof Deployment d) {
            return Optional.of(Objects.requireNonNullElseGet(d.getSpec().getSelector(), LabelSelector::new));
        } else if (object instanceof StatefulSet s) {
            return Optional.of(Objects.requireNonNullElseGet(s.getSpec().getSelector(), LabelSelector::new));
        } else if (object instanceof DaemonSet d) {
            return Optional.of(Objects.requireNonNullElseGet(d.getSpec().getSelector(), LabelSelector::new));
        }
        return Optional.empty();
    }

    private static void checkSelector(
            HasMetadata object, LabelSelector selector, PodTemplateSpec template, List<String> failures) {
        Map<String, String> matchLabels = Objects.requireNonNullElse(selector.getMatchLabels(), Map.of());
        if (matchLabels.isEmpty()) {
            if (selector.getMatchExpressions() == null
                    || selector.getMatchExpressions().isEmpty()) {
                failures.add(ManifestCheck.describe(object) + ": spec.selector: empty");
            } // matchExpressions alone are not checked here

        } else if (!contains(labels(template), matchLabels)) {
            failures.add(ManifestCheck.describe(object) + ": spec.selector.matchLabels: " + matchLabels
                    + " do not match spec.template.metadata.labels " + labels(template));
        }
    }

    private static void checkProbes(HasMetadata object, PodTemplateSpec template, List<String> failures) {
        List<Container> containers = containers(template);
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            String at = "spec.template.spec.containers[" + i + "].";
            probe(object, container, at + "startupProbe", container.getStartupProbe(), failures);
            probe(object, container, at + "readinessProbe", container.getReadinessProbe(), failures);
            probe(object, container, at + "livenessProbe", container.getLivenessProbe(), failures);
        }
    }

    private static void probe(
            HasMetadata object, Container container, String path, Probe probe, List<String> failures) {
        if (probe == null) {
            return;
        }
        if (probe.getHttpGet() != null) {
            port(object, container, path + ".httpGet.port", probe.getHttpGet().getPort(), failures);
        }
        if (probe.getTcpSocket() != null) {
            port(
                    object,
                    container,
                    path + ".tcpSocket.port",
                    probe.getTcpSocket().getPort(),
                    failures);
        }
        if (probe.getGrpc() != null) {
            port(
                    object,
                    container,
                    path + ".grpc.port",
                    new IntOrString(probe.getGrpc().getPort()),
                    failures);
        }
    }

    /** A probe reaches its own container: the port must be one it declares, by name or number. */
    private static void port(
            HasMetadata object, Container container, String path, IntOrString port, List<String> failures) {
        if (port == null) {
            failures.add(ManifestCheck.describe(object) + ": " + path + ": missing");
        } else if (!declares(List.of(container), port)) {
            failures.add(ManifestCheck.describe(object) + ": " + path + ": " + show(port)
                    + " is not a port of container " + container.getName() + " " + declared(List.of(container)));
        }
    }

    private static void checkService(Service service, List<HasMetadata> documents, List<String> failures) {
        Map<String, String> selector =
                service.getSpec() == null ? null : service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return; // a Service without a selector has its endpoints managed by hand: nothing to match
        }
        List<Container> selected = new ArrayList<>();
        for (HasMetadata object : documents) {
            podTemplate(object)
                    .filter(template -> contains(labels(template), selector))
                    .ifPresent(template -> selected.addAll(containers(template)));
        }
        String name = ManifestCheck.describe(service);
        if (selected.isEmpty()) {
            failures.add(name + ": spec.selector: " + selector + " matches no pod template here");
            return;
        }
        List<ServicePort> ports = Objects.requireNonNullElse(service.getSpec().getPorts(), List.of());
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            // no targetPort means the same number as port
            IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
            if (!declares(selected, target)) {
                failures.add(name + ": spec.ports[" + i + "].targetPort: " + show(target)
                        + " is not a port of the selected containers " + declared(selected));
            }
        }
    }

    private static boolean declares(List<Container> containers, IntOrString port) {
        return containers.stream()
                .flatMap(c -> Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of()).stream())
                .anyMatch(p -> port.getStrVal() != null
                        ? port.getStrVal().equals(p.getName())
                        : Objects.equals(port.getIntVal(), p.getContainerPort()));
    }

    private static List<String> declared(List<Container> containers) {
        return containers.stream()
                .flatMap(c -> Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of()).stream())
                .map(p -> p.getName() == null
                        ? String.valueOf(p.getContainerPort())
                        : p.getName() + "=" + p.getContainerPort())
                .toList();
    }

    private static String show(IntOrString port) {
        return port.getStrVal() != null ? "'" + port.getStrVal() + "'" : String.valueOf(port.getIntVal());
    }

    private static Map<String, String> labels(PodTemplateSpec template) {
        return template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of()
                : template.getMetadata().getLabels();
    }

    private static List<Container> containers(PodTemplateSpec template) {
        return template.getSpec() == null || template.getSpec().getContainers() == null
                ? List.of()
                : template.getSpec().getContainers();
    }

    private static boolean contains(Map<String, String> labels, Map<String, String> wanted) {
        return labels.entrySet().containsAll(wanted.entrySet());
    }
}
