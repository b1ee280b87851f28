package dev.duet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;

/** The hardening both pods share, asserted field by field. */
final class Hardening {

    private Hardening() {}

    static void assertHardened(PodSpec pod) {
        PodSecurityContext podContext = pod.getSecurityContext();
        assertEquals(true, podContext.getRunAsNonRoot());
        assertEquals(10001L, podContext.getRunAsUser());
        assertEquals(10001L, podContext.getRunAsGroup());
        assertEquals("RuntimeDefault", podContext.getSeccompProfile().getType());
        assertEquals(false, pod.getAutomountServiceAccountToken());
        for (Container container : pod.getContainers()) {
            SecurityContext context = container.getSecurityContext();
            assertEquals(true, context.getReadOnlyRootFilesystem(), container.getName());
            assertEquals(false, context.getAllowPrivilegeEscalation(), container.getName());
            assertEquals(List.of("ALL"), context.getCapabilities().getDrop(), container.getName());
            // a read-only root, so the JVM's /tmp is an emptyDir
            assertEquals(
                    "tmp",
                    container.getVolumeMounts().stream()
                            .filter(m -> m.getMountPath().equals("/tmp"))
                            .findFirst()
                            .orElseThrow()
                            .getName());
        }
        Volume tmp = pod.getVolumes().stream()
                .filter(v -> v.getName().equals("tmp"))
                .findFirst()
                .orElseThrow();
        assertEquals("64Mi", tmp.getEmptyDir().getSizeLimit().toString());
    }
}
