package org.rtspkit.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.rtspkit.archrules.RtspkitModuleRules;

/**
 * The module picture of DESIGN.md, checked on the classes of every rtspkit module this module's
 * path holds (the jars on the module path are imported too). The rules are the ones rtspkit ships
 * in rtsp-archrules ({@link RtspkitModuleRules}); each fails if it finds no class to check, so an
 * import that misses a module does not pass silently.
 */
@AnalyzeClasses(packages = "org.rtspkit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests modules = ArchTests.in(RtspkitModuleRules.class);

    @ArchTest
    static final ArchRule examplesUseThePublicSurfaceOnly = classes()
            .that().resideInAPackage("org.rtspkit.examples..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "org.rtspkit.api..",
                    "org.rtspkit.spi", "org.rtspkit.stream", "org.rtspkit.examples..", "org.bouncycastle..",
                    "com.sun.net.httpserver..")
            .because("the examples are written as any application would be: against the API, the engine's entry"
                    + " package and the SPI's lookup facades (to tell which plugins are present); bcprov reads PEM keys;"
                    + " the JDK's jdk.httpserver serves /metrics");
}
