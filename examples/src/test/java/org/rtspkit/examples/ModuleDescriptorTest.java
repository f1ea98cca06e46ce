package org.rtspkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.Transports;

/**
 * The real modules on the module path, as the tests run them: their descriptors say what DESIGN.md
 * promises (who uses and who provides the transport service, what is exported), and service lookup
 * finds the transports without anything importing them.
 */
class ModuleDescriptorTest {
    private static final String SERVICE = "org.rtspkit.spi.TransportProvider";

    @Test
    void theseTestsRunInTheNamedModule() {
        assertEquals("org.rtspkit.examples", getClass().getModule().getName());
    }

    @Test
    void theApiOwnsTheServiceLookup() {
        ModuleDescriptor api = descriptor("org.rtspkit.api");
        assertEquals(Set.of(SERVICE, "org.rtspkit.spi.SrtpProvider", "org.rtspkit.spi.MulticastProvider"), api.uses());
        assertEquals(Set.of("org.rtspkit.api", "org.rtspkit.spi"), exported(api));
        assertEquals(Set.of("java.base"), requiredNames(api), "rtsp-api needs the JDK only");
    }

    @Test
    void transportsProvideTheServiceAndExportNothing() {
        for (String name : List.of("org.rtspkit.transport.udp", "org.rtspkit.transport.tcp")) {
            ModuleDescriptor transport = descriptor(name);
            assertEquals(Set.of(SERVICE), transport.provides().stream().map(ModuleDescriptor.Provides::service)
                    .collect(Collectors.toSet()), name + " provides");
            assertEquals(Set.of(), transport.exports(), name + " exports");
            assertFalse(transport.requires().stream().anyMatch(r -> r.name().startsWith("org.rtspkit.stream")
                    || r.name().startsWith("org.rtspkit.transport")), name + " requires " + transport.requires());
        }
    }

    @Test
    void theEngineExportsOnlyItsEntryPackage() {
        ModuleDescriptor stream = descriptor("org.rtspkit.stream");
        assertEquals(1, stream.exports().size(), "exports: " + stream.exports());
        ModuleDescriptor.Exports export = stream.exports().iterator().next();
        assertEquals("org.rtspkit.stream", export.source());
        assertFalse(export.isQualified(), "the entry package is exported to everyone");
        assertTrue(stream.opens().isEmpty(), "opens: " + stream.opens());
    }

    @Test
    void theExamplesExportNothing() {
        assertEquals(Set.of(), descriptor("org.rtspkit.examples").exports());
    }

    @Test
    void noRtspkitModuleIsAutomatic() {
        List<String> automatic = ModuleLayer.boot().modules().stream()
                .filter(m -> m.getName().startsWith("org.rtspkit"))
                .filter(m -> m.getDescriptor().isAutomatic())
                .map(Module::getName)
                .toList();
        assertEquals(List.of(), automatic);
    }

    @Test
    void serviceLookupFindsBothTransports() {
        Set<TransportProtocol> found = Transports.available().keySet();
        assertTrue(found.containsAll(Set.of(TransportProtocol.UDP, TransportProtocol.TCP)),
                "found: " + Transports.describe(Transports.available()));
    }

    private static ModuleDescriptor descriptor(String name) {
        return ModuleLayer.boot().findModule(name)
                .orElseThrow(() -> new AssertionError(name + " is not in the boot layer; modules there: "
                        + ModuleLayer.boot().modules().stream().map(Module::getName).sorted().toList()))
                .getDescriptor();
    }

    private static Set<String> exported(ModuleDescriptor d) {
        return d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    private static Set<String> requiredNames(ModuleDescriptor d) {
        return d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
    }
}
