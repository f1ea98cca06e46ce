package com.example.camera;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.camera.fixture.BrokenUsesInternal;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.rtspkit.archrules.RtspkitRules;

/**
 * rtspkit's rules for applications: this application's classes keep to them (the ArchTests), and
 * the deliberately broken fixture does not.
 */
@AnalyzeClasses(packages = "com.example.camera", importOptions = ImportOption.DoNotIncludeTests.class)
class RtspkitRulesTest {
    @ArchTest
    static final ArchTests rtspkit = ArchTests.in(RtspkitRules.class);

    @Test
    void theRulesCatchTheBrokenFixture() {
        JavaClasses fixture = new ClassFileImporter().importPackagesOf(BrokenUsesInternal.class);
        assertTrue(fixture.contain(BrokenUsesInternal.class), "fixture not imported: " + fixture);
        EvaluationResult result = RtspkitRules.NO_RTSPKIT_INTERNALS.evaluate(fixture);
        assertTrue(result.hasViolation(), "the rule passed a class that uses org.rtspkit.stream.internal");
        String report = result.getFailureReport().toString();
        assertTrue(report.contains("org.rtspkit.stream.internal.Server"), report);
        assertTrue(RtspkitRules.ONLY_PUBLISHED_PACKAGES.evaluate(fixture).hasViolation());
    }
}
