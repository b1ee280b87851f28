package dev.duet.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Checks rendered manifests (multi-document YAML, as {@code kubectl kustomize} and {@code helm
 * template} print them) offline: every document must be a kind the fabric8 model knows, with no
 * field it does not know, and the objects must fit together ({@link Consistency}). A cluster would
 * reject a misspelled field only at {@code apply} time, or, worse, silently drop it.
 */
final class ManifestCheck {
    /** What Duet deploys, from the Kustomize base and from the chart alike, in {@link Result#described()} order. */
    static final List<String> DUET_OBJECTS = List.of(
            "Deployment/duet-server", "Job/duet-client", "PodDisruptionBudget/duet-server", "Service/duet-server");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** What was read, and every failure, each naming its document (kind/name) and field path. */
    record Result(List<HasMetadata> documents, List<String> failures) {
        boolean valid() {
            return failures.isEmpty();
        }

        /** Each document as kind/name, sorted. */
        List<String> described() {
            return documents.stream().map(ManifestCheck::describe).sorted().toList();
        }

        /** The one document of this kind and name; fails the test if there is none. */
        <T extends HasMetadata> T get(Class<T> kind, String name) {
            return documents.stream()
                    .filter(kind::isInstance)
                    .map(kind::cast)
                    .filter(d -> name.equals(d.getMetadata().getName()))
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError("no " + kind.getSimpleName() + "/" + name + " in " + described()));
        }
    }

    private ManifestCheck() {}

    static Result check(String yaml) {
        List<HasMetadata> documents = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int index = 0;
        for (Object raw : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
            index++;
            if (raw == null) {
                continue; // an empty document, as Helm leaves for a template that renders nothing
            }
            if (!(raw instanceof Map)) {
                failures.add("document " + index + ": not a mapping: " + raw);
                continue;
            }
            KubernetesResource read;
            try {
                read = SERIALIZATION.convertValue(raw, KubernetesResource.class);
            } catch (RuntimeException e) {
                failures.add("document " + index + ": cannot be read: " + e.getMessage());
                continue;
            }
            if (!(read instanceof HasMetadata object)) {
                failures.add("document " + index + ": not a Kubernetes object: " + raw);
                continue;
            }
            // the model answers a kind (or apiVersion) it does not know with a generic map
            if (object instanceof GenericKubernetesResource) {
                failures.add(describe(object) + ": unknown kind " + object.getKind() + " in apiVersion "
                        + object.getApiVersion());
                continue;
            }
            documents.add(object);
            UnknownFields.find(object)
                    .forEach(path -> failures.add(describe(object) + ": " + path + ": unknown field"));
        }
        failures.addAll(Consistency.check(documents));
        return new Result(List.copyOf(documents), List.copyOf(failures));
    }

    static String describe(HasMetadata object) {
        String name = object.getMetadata() == null ? null : object.getMetadata().getName();
        return object.getKind() + "/" + (name == null ? "(no name)" : name);
    }
}
