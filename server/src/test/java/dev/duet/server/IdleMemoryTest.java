package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class IdleMemoryTest {
    private static final HotSpotDiagnosticMXBean VM = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void setsThePeriodicCollectionOnceAndThenLeavesTheFlagAlone() {
        // this test JVM, like `java -jar`, starts with the flag at its default
        assertEquals(VMOption.Origin.DEFAULT, VM.getVMOption("G1PeriodicGCInterval").getOrigin());

        assertTrue(IdleMemory.apply());
        assertEquals("3000", VM.getVMOption("G1PeriodicGCInterval").getValue());

        // a value set by anyone else (the command line, jcmd, this class before) is not overwritten
        VM.setVMOption("G1PeriodicGCInterval", "0");
        assertFalse(IdleMemory.apply());
        assertEquals("0", VM.getVMOption("G1PeriodicGCInterval").getValue());
    }
}
