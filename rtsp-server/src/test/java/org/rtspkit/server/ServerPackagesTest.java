package org.rtspkit.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The server's packages as package-info.java describes them: one job each, dependencies one way only
 * (paths use options, demo, files, record and metrics; config reads into options; control reads the paths; the
 * program and its wiring use everything), and bcprov in the
 * tls package alone.
 */
class ServerPackagesTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rtspkit.server");

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("org.rtspkit.server.(*)..").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void onlyTheProgramUsesTheWholeServer() {
        noClasses().that().resideInAnyPackage("org.rtspkit.server.(*)..")
                .should().dependOnClassesThat().resideInAPackage("org.rtspkit.server")
                .because("the program and its wiring sit on top of the packages that do the jobs")
                .check(SERVER);
    }

    @Test
    void noOtherJobUsesThePaths() {
        noClasses().that().resideInAnyPackage("org.rtspkit.server.options..", "org.rtspkit.server.config..",
                        "org.rtspkit.server.demo..", "org.rtspkit.server.files..", "org.rtspkit.server.record..",
                        "org.rtspkit.server.metrics..", "org.rtspkit.server.tls..")
                .should().dependOnClassesThat().resideInAnyPackage("org.rtspkit.server.paths..")
                .check(SERVER);
    }

    @Test
    void onlyTheTlsPackageUsesBouncyCastle() {
        classes().that().resideOutsideOfPackage("org.rtspkit.server.tls..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("org.bouncycastle..")
                .check(SERVER);
    }
}
