package org.rtspkit.transport.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * What the probe says in this JVM. The same tests run on JDK 17 (the build's default) and on JDK 22+
 * (the module's second surefire run, and the reactor's newer-JDK pass), and each asserts what must hold
 * on the JDK it runs on, so that neither run can pass by skipping.
 */
class AvailabilityTest {
    private static final int RELEASE = Runtime.version().feature();

    @Test
    void onJdksBeforeTheFfmApiItIsUnavailableAndOpenRefusesCleanly() {
        if (RELEASE >= 22) {
            return;
        }
        Availability a = LinuxUdp.availability();
        assertFalse(a.available());
        assertFalse(a.gso());
        assertTrue(a.description().contains("JDK " + RELEASE) && a.description().contains("22"), a.description());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> LinuxUdp.open(new InetSocketAddress("127.0.0.1", 0), LinuxUdp.Options.DEFAULT));
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onJdk22AndLaterOnLinuxItIsAvailableWithGso() {
        if (RELEASE < 22) {
            return;
        }
        String arch = System.getProperty("os.arch");
        if (!arch.equals("amd64") && !arch.equals("aarch64")) {
            return;
        }
        Availability a = LinuxUdp.availability();
        assertTrue(a.available(), a.description());
        // Every kernel since 4.18 (2018) has UDP GSO; the build machines run far newer ones.
        assertTrue(a.gso(), a.description());
        assertTrue(a.description().startsWith("sendmmsg and UDP GSO"), a.description());
        // The build starts the tests with native access enabled, so the JVM has nothing to warn about.
        assertFalse(a.description().contains("native access"), a.description());
        assertTrue(LinuxUdp.class.getModule().isNamed(), "the tests run inside the module");
    }

    @Test
    void theSwitchAndTheJdkAreCheckedBeforeAnyNativeCode() {
        String before = System.getProperty(LinuxUdp.ENABLED_PROPERTY);
        try {
            System.setProperty(LinuxUdp.ENABLED_PROPERTY, "false");
            Availability off = LinuxUdp.precheck();
            assertFalse(off.available());
            assertEquals("unavailable: turned off (-Drtspkit.udp.linux=false)", off.description());
            System.clearProperty(LinuxUdp.ENABLED_PROPERTY);
            Availability normal = LinuxUdp.precheck();
            boolean linux = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux");
            if (RELEASE >= 22 && linux) {
                assertNull(normal, "the native probe decides");
            } else {
                assertFalse(normal.available());
            }
        } finally {
            if (before == null) {
                System.clearProperty(LinuxUdp.ENABLED_PROPERTY);
            } else {
                System.setProperty(LinuxUdp.ENABLED_PROPERTY, before);
            }
        }
    }

    @Test
    void optionsRefuseANegativeBuffer() {
        assertThrows(IllegalArgumentException.class, () -> new LinuxUdp.Options(-1, true));
    }

    @Test
    void errnoNames() {
        assertEquals("EAGAIN (11)", Errno.describe(Errno.EAGAIN));
        assertEquals("ENOBUFS (105)", Errno.describe(Errno.ENOBUFS));
        assertEquals("errno 200", Errno.describe(200));
    }
}
