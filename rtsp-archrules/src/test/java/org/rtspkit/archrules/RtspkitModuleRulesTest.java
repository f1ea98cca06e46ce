package org.rtspkit.archrules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rtspkit.archrules.RtspkitRulesTest.assertViolated;

import java.util.List;
import com.example.archfixture.sdk.api.ApiUsesTheSpi;
import com.example.archfixture.sdk.client.ClientUsesTheEngine;
import com.example.archfixture.sdk.formats.FormatsUseTheSpi;
import com.example.archfixture.sdk.micrometer.MicrometerUsesTheEngine;
import com.example.archfixture.sdk.multicast.MulticastUsesEngineInternals;
import com.example.archfixture.sdk.multicast.MulticastUsesTcp;
import com.example.archfixture.sdk.multicast.MulticastUsesTheProtocol;
import com.example.archfixture.sdk.protocol.ProtocolUsesTheEngine;
import com.example.archfixture.sdk.spi.SpiUsesALibrary;
import com.example.archfixture.sdk.srtp.SrtpUsesALibrary;
import com.example.archfixture.sdk.stream.EngineNamesAPlugin;
import com.example.archfixture.sdk.stream.EngineUsesAnUndeclaredLibrary;
import com.example.archfixture.sdk.transport.tcp.TcpTransportProvider;
import com.example.archfixture.sdk.transport.tcp.TcpUsesALibrary;
import com.example.archfixture.sdk.transport.udp.UdpUsesTheEngine;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * rtspkit's module rules pass on the real modules (all on this test's path), and each rule, written
 * over a stand-in root package, fails on a stand-in class that breaks it.
 */
class RtspkitModuleRulesTest {
    private static final String STAND_IN_ROOT = "com.example.archfixture.sdk";

    @Test
    void theRealModulesPassEveryRule() {
        JavaClasses sdk = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.rtspkit");
        for (String module : List.of("org.rtspkit.api", "org.rtspkit.spi", "org.rtspkit.formats.h264", "org.rtspkit.protocol.rtsp",
                "org.rtspkit.protocol.sdp", "org.rtspkit.stream", "org.rtspkit.stream.internal",
                "org.rtspkit.transport.udp", "org.rtspkit.transport.tcp", "org.rtspkit.multicast", "org.rtspkit.srtp",
                "org.rtspkit.client", "org.rtspkit.client.internal", "org.rtspkit.micrometer")) {
            assertTrue(sdk.containPackage(module), "not imported: " + module);
        }
        for (ArchRule rule : List.of(RtspkitModuleRules.API_DEPENDS_ON_THE_JDK_ONLY,
                RtspkitModuleRules.SPI_DEPENDS_ON_THE_API_ONLY, RtspkitModuleRules.FORMATS_DEPEND_ON_THE_API_ONLY, RtspkitModuleRules.PROTOCOL_DEPENDS_ON_THE_SPI_AND_THE_API_ONLY,
                RtspkitModuleRules.PROTOCOL_IS_NOT_PART_OF_ANY_CONTRACT,
                RtspkitModuleRules.ENGINE_NEVER_IMPORTS_A_PLUGIN, RtspkitModuleRules.ENGINE_USES_ONLY_ITS_DECLARED_LIBRARIES,
                RtspkitModuleRules.PLUGINS_NEVER_IMPORT_THE_ENGINE, RtspkitModuleRules.PLUGINS_NEVER_IMPORT_EACH_OTHER,
                RtspkitModuleRules.PLUGINS_USE_THE_SPI_AND_THE_JDK_ONLY,
                RtspkitModuleRules.MICROMETER_BINDING_USES_THE_API_ONLY,
                RtspkitModuleRules.ENGINE_INTERNALS_STAY_INSIDE, RtspkitModuleRules.CLIENT_NEVER_USES_THE_ENGINE)) {
            EvaluationResult result = rule.evaluate(sdk);
            assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
        }
    }

    @Test
    void theStandInsThatKeepTheRulesPass() {
        JavaClasses clean = of(TcpTransportProvider.class, com.example.archfixture.sdk.stream.RtspServers.class,
                com.example.archfixture.sdk.transport.udp.UdpTransportProvider.class);
        for (ArchRule rule : List.of(RtspkitModuleRules.engineUsesOnlyItsDeclaredLibraries(STAND_IN_ROOT),
                RtspkitModuleRules.pluginsNeverImportTheEngine(STAND_IN_ROOT),
                RtspkitModuleRules.pluginsNeverImportEachOther(STAND_IN_ROOT),
                RtspkitModuleRules.pluginsUseTheSpiAndTheJdkOnly(STAND_IN_ROOT))) {
            EvaluationResult result = rule.evaluate(clean);
            assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
        }
    }

    @Test
    void theApiUsingTheSpiIsCaught() {
        assertViolated(RtspkitModuleRules.apiDependsOnTheJdkOnly(STAND_IN_ROOT), of(ApiUsesTheSpi.class),
                STAND_IN_ROOT + ".spi.SpiUsesALibrary");
    }

    @Test
    void theSpiUsingALibraryIsCaught() {
        assertViolated(RtspkitModuleRules.spiDependsOnTheApiOnly(STAND_IN_ROOT), of(SpiUsesALibrary.class),
                "com.tngtech.archunit.core.domain.JavaClass");
    }

    @Test
    void theFormatsUsingTheSpiAreCaught() {
        assertViolated(RtspkitModuleRules.formatsDependOnTheApiOnly(STAND_IN_ROOT), of(FormatsUseTheSpi.class),
                STAND_IN_ROOT + ".spi.SpiUsesALibrary");
    }

    @Test
    void theProtocolUsingTheEngineIsCaught() {
        assertViolated(RtspkitModuleRules.protocolDependsOnTheSpiAndTheApiOnly(STAND_IN_ROOT),
                of(ProtocolUsesTheEngine.class), STAND_IN_ROOT + ".stream.RtspServers");
    }

    @Test
    void aPluginUsingTheProtocolIsCaught() {
        assertViolated(RtspkitModuleRules.protocolIsNotPartOfAnyContract(STAND_IN_ROOT), of(MulticastUsesTheProtocol.class),
                STAND_IN_ROOT + ".protocol.ProtocolUsesTheEngine");
    }

    @Test
    void theEngineNamingAPluginIsCaught() {
        assertViolated(RtspkitModuleRules.engineNeverImportsAPlugin(STAND_IN_ROOT), of(EngineNamesAPlugin.class),
                STAND_IN_ROOT + ".transport.udp.UdpTransportProvider");
    }

    @Test
    void theEngineUsingAnUndeclaredLibraryIsCaught() {
        assertViolated(RtspkitModuleRules.engineUsesOnlyItsDeclaredLibraries(STAND_IN_ROOT),
                of(EngineUsesAnUndeclaredLibrary.class), "com.tngtech.archunit.core.domain.JavaClass");
    }

    @Test
    void aPluginUsingTheEngineIsCaught() {
        assertViolated(RtspkitModuleRules.pluginsNeverImportTheEngine(STAND_IN_ROOT), of(UdpUsesTheEngine.class),
                STAND_IN_ROOT + ".stream.RtspServers");
    }

    @Test
    void pluginsUsingEachOtherAreCaught() {
        // A slice rule sees a dependency only between imported classes: both ends are imported.
        assertViolated(RtspkitModuleRules.pluginsNeverImportEachOther(STAND_IN_ROOT),
                of(MulticastUsesTcp.class, TcpTransportProvider.class), STAND_IN_ROOT + ".transport.tcp.TcpTransportProvider");
    }

    @Test
    void aPluginUsingALibraryIsCaught() {
        assertViolated(RtspkitModuleRules.pluginsUseTheSpiAndTheJdkOnly(STAND_IN_ROOT), of(TcpUsesALibrary.class),
                "com.tngtech.archunit.core.domain.JavaClass");
        assertViolated(RtspkitModuleRules.pluginsUseTheSpiAndTheJdkOnly(STAND_IN_ROOT), of(SrtpUsesALibrary.class),
                "com.tngtech.archunit.core.domain.JavaClass");
    }

    @Test
    void theMicrometerBindingUsingTheEngineIsCaught() {
        assertViolated(RtspkitModuleRules.micrometerBindingUsesTheApiOnly(STAND_IN_ROOT),
                of(MicrometerUsesTheEngine.class), STAND_IN_ROOT + ".stream.RtspServers");
    }

    @Test
    void engineInternalsUsedElsewhereAreCaught() {
        assertViolated(RtspkitModuleRules.engineInternalsStayInside(STAND_IN_ROOT), of(MulticastUsesEngineInternals.class),
                STAND_IN_ROOT + ".stream.internal.Server");
    }

    private static JavaClasses of(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    @Test
    void theClientUsingTheEngineIsCaught() {
        assertViolated(RtspkitModuleRules.clientNeverUsesTheEngine(STAND_IN_ROOT), of(ClientUsesTheEngine.class),
                STAND_IN_ROOT + ".stream.RtspServers");
    }
}
