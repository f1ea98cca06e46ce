package org.rtspkit.archrules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.archfixture.broken.ImplementsAProvider;
import com.example.archfixture.broken.NamesAPlugin;
import com.example.archfixture.broken.UsesEngineInternal;
import com.example.archfixture.broken.UsesTheProtocol;
import com.example.archfixture.clean.CleanApplication;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each application rule fails on a class that breaks it and passes an application that keeps to the surface. */
class RtspkitRulesTest {
    private static final List<ArchRule> ALL = List.of(RtspkitRules.NO_RTSPKIT_INTERNALS,
            RtspkitRules.NO_PLUGIN_IMPLEMENTATIONS, RtspkitRules.ENGINE_ONLY_TO_START_A_SERVER,
            RtspkitRules.SPI_IS_FOR_PLUGINS, RtspkitRules.ONLY_PUBLISHED_PACKAGES);

    @Test
    void anApplicationOnThePublicSurfacePassesEveryRule() {
        JavaClasses clean = new ClassFileImporter().importClasses(CleanApplication.class);
        for (ArchRule rule : ALL) {
            EvaluationResult result = rule.evaluate(clean);
            assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
        }
    }

    @Test
    void engineInternalsAreCaught() {
        JavaClasses broken = new ClassFileImporter().importClasses(UsesEngineInternal.class);
        assertViolated(RtspkitRules.NO_RTSPKIT_INTERNALS, broken, "org.rtspkit.stream.internal.Server");
        assertViolated(RtspkitRules.ENGINE_ONLY_TO_START_A_SERVER, broken, "org.rtspkit.stream.internal.Server");
        assertViolated(RtspkitRules.ONLY_PUBLISHED_PACKAGES, broken, "org.rtspkit.stream.internal.Server");
    }

    @Test
    void namingAPluginIsCaught() {
        JavaClasses broken = new ClassFileImporter().importClasses(NamesAPlugin.class);
        assertViolated(RtspkitRules.NO_PLUGIN_IMPLEMENTATIONS, broken, "org.rtspkit.transport.udp.UdpTransportProvider");
        assertViolated(RtspkitRules.ONLY_PUBLISHED_PACKAGES, broken, "org.rtspkit.transport.udp.UdpTransportProvider");
    }

    @Test
    void implementingAnSpiInterfaceIsCaught() {
        JavaClasses broken = new ClassFileImporter().importClasses(ImplementsAProvider.class);
        assertViolated(RtspkitRules.SPI_IS_FOR_PLUGINS, broken, "org.rtspkit.spi.TransportProvider");
    }

    @Test
    void theCodecsAreCaught() {
        JavaClasses broken = new ClassFileImporter().importClasses(UsesTheProtocol.class);
        assertViolated(RtspkitRules.ONLY_PUBLISHED_PACKAGES, broken, "org.rtspkit.protocol.sdp.SdpReader");
    }

    @Test
    void rtspkitsOwnClassesAreNotApplicationCode() {
        JavaClasses sdkOnly = new ClassFileImporter().importClasses(RtspkitRules.class);
        // No application class imported: the rule says it checked nothing rather than pass.
        AssertionError empty = assertThrows(AssertionError.class, () -> RtspkitRules.NO_RTSPKIT_INTERNALS.evaluate(sdkOnly));
        assertTrue(empty.getMessage().contains("failed to check any classes"), empty::getMessage);
    }

    static void assertViolated(ArchRule rule, JavaClasses classes, String target) {
        EvaluationResult result = rule.evaluate(classes);
        assertTrue(result.hasViolation(), () -> rule.getDescription() + " passed on " + classes);
        String report = result.getFailureReport().toString();
        assertTrue(report.contains(target), () -> "report does not name " + target + ":\n" + report);
    }
}
