package org.rtspkit.testsuite;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.rtspkit.archrules.RtspkitModuleRules;

/**
 * The module rules rtspkit ships ({@link RtspkitModuleRules}), checked on the classes of every rtspkit
 * module on this test's module path; each fails if it finds no class to check, so an import that
 * misses a module does not pass silently. Beside them, the rule that keeps the examples copyable.
 */
@AnalyzeClasses(packages = "org.rtspkit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchTests modules = ArchTests.in(RtspkitModuleRules.class);

    /**
     * What a user copies from {@code examples} works in any application: the API, the engine's entry
     * point and the payload formats only.
     */
    @ArchTest
    static final ArchRule EXAMPLES_USE_THE_API_RTSP_SERVERS_AND_FORMATS_ONLY = classes()
            .that().resideInAPackage("org.rtspkit.examples..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "org.rtspkit.api..",
                    // The formats' internal package is not exported: JPMS keeps the examples off it.
                    "org.rtspkit.stream", "org.rtspkit.formats..", "org.rtspkit.examples..")
            .because("the examples are programs a user copies into an application, which requires org.rtspkit.stream"
                    + " (and through it org.rtspkit.api), and org.rtspkit.formats for frames, and nothing else of rtspkit");
}
