package org.rtspkit.archrules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;

/**
 * The module picture of rtspkit itself: what each of its modules may depend on. rtspkit's build
 * checks these on the classes of all its modules; they are published so that a fork or a
 * repackaging can run the same checks:
 * {@code @AnalyzeClasses(packages = "org.rtspkit", importOptions = ImportOption.DoNotIncludeTests.class)}
 * with {@code @ArchTest static final ArchTests modules = ArchTests.in(RtspkitModuleRules.class);}.
 *
 * <p>Every rule fails when it finds no class to check, so an import that misses a module does not
 * pass silently.
 */
public final class RtspkitModuleRules {
    /** {@code org.rtspkit.api} and {@code org.rtspkit.spi} (module rtsp-api) depend on the JDK only. */
    @ArchTest
    public static final ArchRule API_AND_SPI_DEPEND_ON_THE_JDK_ONLY = apiAndSpiDependOnTheJdkOnly("org.rtspkit");

    /** The engine (module rtsp-stream) never names a plugin's classes. */
    @ArchTest
    public static final ArchRule ENGINE_NEVER_IMPORTS_A_PLUGIN = engineNeverImportsAPlugin("org.rtspkit");

    /** The engine depends on rtsp-api, jctools and Guava, and on nothing else but the JDK. */
    @ArchTest
    public static final ArchRule ENGINE_USES_ONLY_ITS_DECLARED_LIBRARIES = engineUsesOnlyItsDeclaredLibraries("org.rtspkit");

    /** No plugin module uses the engine. */
    @ArchTest
    public static final ArchRule PLUGINS_NEVER_IMPORT_THE_ENGINE = pluginsNeverImportTheEngine("org.rtspkit");

    /** No plugin module uses another one. */
    @ArchTest
    public static final ArchRule PLUGINS_NEVER_IMPORT_EACH_OTHER = pluginsNeverImportEachOther("org.rtspkit");

    /** The transports and multicast depend on rtsp-api and the JDK only. */
    @ArchTest
    public static final ArchRule PLUGINS_USE_THE_API_AND_THE_JDK_ONLY = pluginsUseTheApiAndTheJdkOnly("org.rtspkit");

    /** SRTP depends on rtsp-api, the JDK and (optionally) BouncyCastle. */
    @ArchTest
    public static final ArchRule SRTP_USES_THE_API_THE_JDK_AND_BOUNCYCASTLE_ONLY =
            srtpUsesTheApiTheJdkAndBouncycastleOnly("org.rtspkit");

    /** What the engine does not export stays inside it. */
    @ArchTest
    public static final ArchRule ENGINE_INTERNALS_STAY_INSIDE = engineInternalsStayInside("org.rtspkit");

    private RtspkitModuleRules() {
    }

    // The rules are written over the root package so that their tests can check them on stand-in
    // classes under another root: stand-ins in rtspkit's own packages would split those packages.

    static ArchRule apiAndSpiDependOnTheJdkOnly(String root) {
        return classes()
                .that().resideInAnyPackage(root + ".api..", root + ".spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", root + ".api..", root + ".spi..")
                .because("rtsp-api has no third-party dependency, so a downstream module path stays small");
    }

    static ArchRule engineNeverImportsAPlugin(String root) {
        return noClasses()
                .that().resideInAPackage(root + ".stream..")
                .should().dependOnClassesThat().resideInAnyPackage(plugins(root))
                .because("the engine knows plugins only through org.rtspkit.spi, found with ServiceLoader");
    }

    static ArchRule engineUsesOnlyItsDeclaredLibraries(String root) {
        return classes()
                .that().resideInAPackage(root + ".stream..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", root + ".api..",
                        root + ".spi..", root + ".stream..", "org.jctools..", "com.google.common..")
                .because("rtsp-stream may depend on rtsp-api, jctools and guava");
    }

    static ArchRule pluginsNeverImportTheEngine(String root) {
        return noClasses()
                .that().resideInAnyPackage(plugins(root))
                .should().dependOnClassesThat().resideInAPackage(root + ".stream..")
                .because("plugins never import the engine");
    }

    static ArchRule pluginsNeverImportEachOther(String root) {
        return slices()
                .assignedFrom(new PluginSlices(root))
                .should().notDependOnEachOther()
                .because("plugins never import each other");
    }

    static ArchRule pluginsUseTheApiAndTheJdkOnly(String root) {
        return classes()
                .that().resideInAnyPackage(root + ".transport.udp..", root + ".transport.tcp..", root + ".multicast..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", root + ".api..",
                        root + ".spi..", root + ".transport..", root + ".multicast..")
                .because("a plugin depends on rtsp-api only");
    }

    static ArchRule srtpUsesTheApiTheJdkAndBouncycastleOnly(String root) {
        return classes()
                .that().resideInAPackage(root + ".srtp..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", root + ".api..",
                        root + ".spi..", root + ".srtp..", "org.bouncycastle..")
                .because("rtsp-srtp depends on rtsp-api, and on bcprov for certificate work only");
    }

    static ArchRule engineInternalsStayInside(String root) {
        return noClasses()
                .that().resideOutsideOfPackage(root + ".stream..")
                .should().dependOnClassesThat().resideInAPackage(root + ".stream.internal..")
                .because("what a module does not export is internal");
    }

    private static String[] plugins(String root) {
        return Arrays.stream(PluginSlices.MODULES).map(module -> root + "." + module + "..").toArray(String[]::new);
    }

    /** One slice per plugin module; the rest of the classes belong to none. */
    private static final class PluginSlices implements SliceAssignment {
        static final String[] MODULES = {"transport.udp", "transport.tcp", "multicast", "srtp"};

        private final String root;

        PluginSlices(String root) {
            this.root = root;
        }

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            for (String module : MODULES) {
                if (RtspkitPackages.inTree(type, root + "." + module)) {
                    return SliceIdentifier.of(root + "." + module);
                }
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the plugin modules under " + root + " (" + String.join(", ", MODULES) + ")";
        }
    }
}
