package org.rtspkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolsTest {

    @Test
    void aMissingToolFailsAndSaysWhatToInstall(@TempDir Path empty) {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Tools.require("ip", "the multicast tests", "iproute2", List.of(empty.toString())));
        assertTrue(e.getMessage().startsWith("the multicast tests need `ip`, which was not found in ["), e.getMessage());
        assertTrue(e.getMessage().endsWith("Install it with 'apt-get install -y iproute2' (./run-tests does) and run"
                + " them again."), e.getMessage());
    }

    @Test
    void aPresentToolIsFound(@TempDir Path dir) throws Exception {
        Path tool = Files.createFile(dir.resolve("unshare"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        assertEquals(tool, Tools.require("unshare", "the multicast tests", "util-linux", List.of("", dir.toString())));
    }

    @Test
    void theSystemDirectoriesAreSearchedAfterPath() {
        List<String> dirs = List.copyOf(Tools.searchPath());
        assertTrue(dirs.containsAll(List.of("/usr/sbin", "/sbin")), dirs.toString());
    }
}
