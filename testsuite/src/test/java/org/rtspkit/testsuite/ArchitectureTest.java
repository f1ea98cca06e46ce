package org.rtspkit.testsuite;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import org.rtspkit.archrules.RtspkitModuleRules;

/**
 * The module rules rtspkit ships ({@link RtspkitModuleRules}), checked on the classes of every rtspkit
 * module on this test's module path; each fails if it finds no class to check, so an import that
 * misses a module does not pass silently.
 */
@AnalyzeClasses(packages = "org.rtspkit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchTests modules = ArchTests.in(RtspkitModuleRules.class);
}
