package org.rtspkit.archrules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.rtspkit.archrules.RtspkitRulesTest.assertViolated;

import com.example.archfixture.plugin.GoodTransportProvider;
import com.example.archfixture.plugin.PluginUsesAnotherPlugin;
import com.example.archfixture.plugin.PluginUsesTheEngine;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each plugin rule fails on a plugin that breaks it and passes one written against the SPI. */
class RtspkitPluginRulesTest {
    @Test
    void aPluginOnTheApiAndSpiPassesEveryRule() {
        JavaClasses clean = new ClassFileImporter().importClasses(GoodTransportProvider.class);
        for (ArchRule rule : List.of(RtspkitPluginRules.PLUGINS_NEVER_USE_THE_ENGINE,
                RtspkitPluginRules.PLUGINS_USE_THE_API_AND_THE_SPI_ONLY)) {
            EvaluationResult result = rule.evaluate(clean);
            assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
        }
    }

    @Test
    void usingTheEngineIsCaught() {
        JavaClasses broken = new ClassFileImporter().importClasses(PluginUsesTheEngine.class);
        assertViolated(RtspkitPluginRules.PLUGINS_NEVER_USE_THE_ENGINE, broken, "org.rtspkit.stream.RtspServers");
        assertViolated(RtspkitPluginRules.PLUGINS_USE_THE_API_AND_THE_SPI_ONLY, broken, "org.rtspkit.stream.RtspServers");
    }

    @Test
    void usingAnotherPluginIsCaught() {
        JavaClasses broken = new ClassFileImporter().importClasses(PluginUsesAnotherPlugin.class);
        assertViolated(RtspkitPluginRules.PLUGINS_USE_THE_API_AND_THE_SPI_ONLY, broken,
                "org.rtspkit.transport.tcp.TcpTransportProvider");
    }
}
