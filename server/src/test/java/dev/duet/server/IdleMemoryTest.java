package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleMemoryTest {
    private static final HotSpotDiagnosticMXBean VM =
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    private static String value(String flag) {
        return VM.getVMOption(flag).getValue();
    }

    @Test
    void setsTheFlagsStillAtTheirDefaultsOnceAndThenLeavesThemAlone() {
        // this test JVM, like `java -jar`, starts with all three at their defaults
        for (IdleMemory.Flag flag : IdleMemory.FLAGS) {
            assertEquals(VMOption.Origin.DEFAULT, VM.getVMOption(flag.name()).getOrigin(), flag.name());
        }

        assertEquals(List.of("G1PeriodicGCInterval", "MinHeapFreeRatio", "MaxHeapFreeRatio"), IdleMemory.apply());
        assertEquals(
                List.of("3000", "10", "30"),
                List.of(value("G1PeriodicGCInterval"), value("MinHeapFreeRatio"), value("MaxHeapFreeRatio")));

        // a value set by anyone else (the command line, jcmd, this class before) is not overwritten
        VM.setVMOption("G1PeriodicGCInterval", "0");
        assertEquals(List.of(), IdleMemory.apply());
        assertEquals("0", value("G1PeriodicGCInterval"));
    }
}
