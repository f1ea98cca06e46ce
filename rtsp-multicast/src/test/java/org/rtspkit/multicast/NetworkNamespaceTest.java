package org.rtspkit.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class NetworkNamespaceTest {

    @Test
    void aMissingToolFailsAndSaysWhatToInstall(@TempDir Path empty) {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> NetworkNamespace.require("ip", "iproute2", Set.of(empty.toString())));
        assertTrue(e.getMessage().startsWith("the multicast tests run in a private network namespace and need `ip`"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Install the iproute2 package (Debian/Ubuntu: apt-get install -y iproute2)."),
                e.getMessage());
    }

    @Test
    void aPresentToolIsFound(@TempDir Path dir) throws Exception {
        Path tool = Files.createFile(dir.resolve("unshare"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        assertEquals(tool, NetworkNamespace.require("unshare", "util-linux", Set.of("", dir.toString())));
    }
}
