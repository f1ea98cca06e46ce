package org.rtspkit.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module picture of DESIGN.md, checked on the classes of every rtspkit module this module's
 * path holds (the jars on the module path are imported too). Each rule fails if it finds no class to
 * check, so an import that misses a module does not pass silently.
 */
@AnalyzeClasses(packages = "org.rtspkit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule apiAndSpiDependOnTheJdkOnly = classes()
            .that().resideInAnyPackage("org.rtspkit.api..", "org.rtspkit.spi..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "org.rtspkit.api..", "org.rtspkit.spi..")
            .because("rtsp-api has no third-party dependency, so a downstream module path stays small");

    @ArchTest
    static final ArchRule engineNeverImportsATransport = noClasses()
            .that().resideInAPackage("org.rtspkit.stream..")
            .should().dependOnClassesThat().resideInAPackage("org.rtspkit.transport..")
            .because("the engine knows plugins only through org.rtspkit.spi, found with ServiceLoader");

    @ArchTest
    static final ArchRule engineUsesOnlyItsDeclaredLibraries = classes()
            .that().resideInAPackage("org.rtspkit.stream..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "org.rtspkit.api..",
                    "org.rtspkit.spi..", "org.rtspkit.stream..", "org.jctools..", "com.google.common..")
            .because("rtsp-stream may depend on rtsp-api, jctools and guava");

    @ArchTest
    static final ArchRule transportsNeverImportTheEngine = noClasses()
            .that().resideInAPackage("org.rtspkit.transport..")
            .should().dependOnClassesThat().resideInAPackage("org.rtspkit.stream..")
            .because("plugins never import the engine");

    @ArchTest
    static final ArchRule transportsNeverImportEachOther = slices()
            .matching("org.rtspkit.transport.(*)..")
            .should().notDependOnEachOther()
            .because("plugins never import each other");

    @ArchTest
    static final ArchRule transportsUseTheApiAndTheJdkOnly = classes()
            .that().resideInAPackage("org.rtspkit.transport..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "org.rtspkit.api..",
                    "org.rtspkit.spi..", "org.rtspkit.transport..")
            .because("a transport depends on rtsp-api only");

    @ArchTest
    static final ArchRule engineInternalsStayInside = noClasses()
            .that().resideOutsideOfPackage("org.rtspkit.stream..")
            .should().dependOnClassesThat().resideInAPackage("org.rtspkit.stream.internal..")
            .because("what the engine does not export is internal");

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
