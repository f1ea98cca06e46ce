package org.rtspkit.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.SrtpSuite;
import org.rtspkit.spi.SrtpProvider;
import org.rtspkit.spi.SrtpProviders;

/** The module is found through the SPI on the module path and, through its service file, on the class path. */
class SrtpModuleTest {
    private static final String SERVICE_FILE = "META-INF/services/" + SrtpProvider.class.getName();

    @Test
    void lookupFacadeFindsTheProvider() {
        SrtpProvider provider = SrtpProviders.require();
        assertInstanceOf(JcaSrtpProvider.class, provider);
        assertEquals("jca", provider.name());
        assertEquals(EnumSet.allOf(SrtpSuite.class), provider.suites());
    }

    @Test
    void descriptorProvidesTheServiceExportsNothingAndNeedsOnlyTheSpi() {
        Module module = JcaSrtpProvider.class.getModule();
        assertTrue(module.isNamed(), "tests should run on the module path");
        ModuleDescriptor descriptor = module.getDescriptor();
        assertEquals("org.rtspkit.srtp", descriptor.name());
        assertEquals(Set.of(), descriptor.exports());
        assertEquals(1, descriptor.provides().size());
        ModuleDescriptor.Provides provides = descriptor.provides().iterator().next();
        assertEquals(SrtpProvider.class.getName(), provides.service());
        assertEquals(List.of(JcaSrtpProvider.class.getName()), provides.providers());
        assertEquals(Set.of("java.base", "org.rtspkit.spi"),
                descriptor.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }

    @Test
    void classPathServiceFileNamesTheProvider() throws IOException {
        try (InputStream in = JcaSrtpProvider.class.getModule().getResourceAsStream(SERVICE_FILE)) {
            assertNotNull(in, SERVICE_FILE + " is missing");
            assertEquals(JcaSrtpProvider.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }
}
