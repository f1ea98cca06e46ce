package org.rtspkit.transport.udp;

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
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.TransportProvider;
import org.rtspkit.spi.Transports;

class UdpModuleTest {
    private static final String SERVICE_FILE = "META-INF/services/" + TransportProvider.class.getName();

    @Test
    void serviceLoaderFindsTheProvider() {
        assertInstanceOf(UdpTransportProvider.class, Transports.available().get(TransportProtocol.UDP));
    }

    @Test
    void descriptorProvidesTheServiceAndExportsNothing() {
        Module module = UdpTransportProvider.class.getModule();
        assertTrue(module.isNamed(), "tests should run on the module path");
        ModuleDescriptor descriptor = module.getDescriptor();
        assertEquals("org.rtspkit.transport.udp", descriptor.name());
        assertEquals(Set.of(), descriptor.exports());
        assertEquals(1, descriptor.provides().size());
        ModuleDescriptor.Provides provides = descriptor.provides().iterator().next();
        assertEquals(TransportProvider.class.getName(), provides.service());
        assertEquals(List.of(UdpTransportProvider.class.getName()), provides.providers());
    }

    @Test
    void classPathServiceFileNamesTheProvider() throws IOException {
        try (InputStream in = UdpTransportProvider.class.getModule().getResourceAsStream(SERVICE_FILE)) {
            assertNotNull(in, SERVICE_FILE + " is missing");
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(UdpTransportProvider.class.getName(), content);
        }
    }
}
