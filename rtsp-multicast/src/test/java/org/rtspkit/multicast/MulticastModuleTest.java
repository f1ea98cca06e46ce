package org.rtspkit.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rtspkit.spi.MulticastProvider;
import org.rtspkit.spi.MulticastProviders;

class MulticastModuleTest {
    private static final String SERVICE_FILE = "META-INF/services/" + MulticastProvider.class.getName();

    @Test
    void serviceLoaderFindsTheProvider() {
        assertInstanceOf(UdpMulticastProvider.class, MulticastProviders.find().orElseThrow());
        assertInstanceOf(UdpMulticastProvider.class, MulticastProviders.require());
        assertEquals("multicast", MulticastProviders.require().name());
    }

    @Test
    void descriptorProvidesTheServiceAndExportsNothing() {
        Module module = UdpMulticastProvider.class.getModule();
        assertTrue(module.isNamed(), "tests should run on the module path");
        ModuleDescriptor descriptor = module.getDescriptor();
        assertEquals("org.rtspkit.multicast", descriptor.name());
        assertEquals(Set.of(), descriptor.exports());
        assertEquals(1, descriptor.provides().size());
        ModuleDescriptor.Provides provides = descriptor.provides().iterator().next();
        assertEquals(MulticastProvider.class.getName(), provides.service());
        assertEquals(List.of(UdpMulticastProvider.class.getName()), provides.providers());
        assertTrue(MulticastProvider.class.getModule().getDescriptor().uses().contains(MulticastProvider.class.getName()),
                "org.rtspkit.api should declare the use, as the lookup facade lives there");
    }

    @Test
    void classPathServiceFileNamesTheProvider() throws IOException {
        try (InputStream in = UdpMulticastProvider.class.getModule().getResourceAsStream(SERVICE_FILE)) {
            assertNotNull(in, SERVICE_FILE + " is missing");
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(UdpMulticastProvider.class.getName(), content);
        }
    }
}
