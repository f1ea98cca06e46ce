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
    /** {@code org.rtspkit.api} (module rtsp-api) depends on the JDK only. */
    @ArchTest
    public static final ArchRule API_DEPENDS_ON_THE_JDK_ONLY = apiDependsOnTheJdkOnly("org.rtspkit");

    /** {@code org.rtspkit.spi} (module rtsp-spi) depends on the API and the JDK only. */
    @ArchTest
    public static final ArchRule SPI_DEPENDS_ON_THE_API_ONLY = spiDependsOnTheApiOnly("org.rtspkit");

    /** The payload formats (module rtsp-formats) depend on the API and the JDK only. */
    @ArchTest
    public static final ArchRule FORMATS_DEPEND_ON_THE_API_ONLY = formatsDependOnTheApiOnly("org.rtspkit");

    /** The codecs (module rtsp-protocol) depend on the SPI's values, the API and the JDK only. */
    @ArchTest
    public static final ArchRule PROTOCOL_DEPENDS_ON_THE_SPI_AND_THE_API_ONLY = protocolDependsOnTheSpiAndTheApiOnly("org.rtspkit");

    /** Neither the API, the SPI nor a plugin uses the codecs: they are rtspkit's own, for the engine. */
    @ArchTest
    public static final ArchRule PROTOCOL_IS_NOT_PART_OF_ANY_CONTRACT = protocolIsNotPartOfAnyContract("org.rtspkit");

    /** The engine (module rtsp-stream) never names a plugin's classes. */
    @ArchTest
    public static final ArchRule ENGINE_NEVER_IMPORTS_A_PLUGIN = engineNeverImportsAPlugin("org.rtspkit");

    /** The engine depends on the API, the SPI, the codecs, jctools, Guava and JFR, and on nothing else but the JDK. */
    @ArchTest
    public static final ArchRule ENGINE_USES_ONLY_ITS_DECLARED_LIBRARIES = engineUsesOnlyItsDeclaredLibraries("org.rtspkit");

    /** No plugin module uses the engine. */
    @ArchTest
    public static final ArchRule PLUGINS_NEVER_IMPORT_THE_ENGINE = pluginsNeverImportTheEngine("org.rtspkit");

    /** No plugin module uses another one. */
    @ArchTest
    public static final ArchRule PLUGINS_NEVER_IMPORT_EACH_OTHER = pluginsNeverImportEachOther("org.rtspkit");

    /** The transports, multicast and SRTP depend on the SPI, the API and the JDK only. */
    @ArchTest
    public static final ArchRule PLUGINS_USE_THE_SPI_AND_THE_JDK_ONLY = pluginsUseTheSpiAndTheJdkOnly("org.rtspkit");

    /** The client (module rtsp-client) uses the API, the SPI and the codecs, never the engine. */
    @ArchTest
    public static final ArchRule CLIENT_NEVER_USES_THE_ENGINE = clientNeverUsesTheEngine("org.rtspkit");

    /**
     * The Micrometer binding (module rtsp-micrometer) reads the API and Micrometer only: it reports what
     * the API's stats say, so it works with any engine and never reaches into one.
     */
    @ArchTest
    public static final ArchRule MICROMETER_BINDING_USES_THE_API_ONLY = micrometerBindingUsesTheApiOnly("org.rtspkit");

    /** What the engine does not export stays inside it. */
    @ArchTest
    public static final ArchRule ENGINE_INTERNALS_STAY_INSIDE = engineInternalsStayInside("org.rtspkit");

    private RtspkitModuleRules() {
    }

    // The rules are written over the root package so that their tests can check them on stand-in
    // classes under another root: stand-ins in rtspkit's own packages would split those packages.

    static ArchRule apiDependsOnTheJdkOnly(String root) {
        return classes()
                .that().resideInAPackage(root + ".api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", root + ".api..")
                .because("rtsp-api has no dependency, not even on the SPI, so a downstream module path stays small");
    }

    static ArchRule spiDependsOnTheApiOnly(String root) {
        return classes()
                .that().resideInAPackage(root + ".spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", root + ".api..", root + ".spi..")
                .because("rtsp-spi is what plugins written anywhere build against: the API and the JDK only");
    }

    static ArchRule formatsDependOnTheApiOnly(String root) {
        return classes()
                .that().resideInAPackage(root + ".formats..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", root + ".api..",
                        root + ".formats..")
                .because("an application that only packetizes frames needs rtsp-api and rtsp-formats, nothing else");
    }

    static ArchRule protocolDependsOnTheSpiAndTheApiOnly(String root) {
        return classes()
                .that().resideInAPackage(root + ".protocol..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", root + ".api..",
                        root + ".spi..", root + ".protocol..")
                .because("the codecs turn bytes into API and SPI values and back, and do no I/O");
    }

    static ArchRule protocolIsNotPartOfAnyContract(String root) {
        String[] contracts = new String[PluginSlices.MODULES.length + 2];
        contracts[0] = root + ".api..";
        contracts[1] = root + ".spi..";
        System.arraycopy(plugins(root), 0, contracts, 2, PluginSlices.MODULES.length);
        return noClasses()
                .that().resideInAnyPackage(contracts)
                .should().dependOnClassesThat().resideInAPackage(root + ".protocol..")
                .because("rtsp-protocol is exported to rtspkit's own modules only; applications and plugins never see"
                        + " the wire form of what they handle");
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
                        root + ".spi..", root + ".protocol..", root + ".stream..", "org.jctools..", "com.google.common..",
                        "jdk.jfr..")
                .because("rtsp-stream may depend on rtsp-api, rtsp-spi, rtsp-protocol, jctools, guava and the JDK's"
                        + " jdk.jfr (its Flight Recorder events)");
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

    static ArchRule pluginsUseTheSpiAndTheJdkOnly(String root) {
        String[] allowed = new String[PluginSlices.MODULES.length + 4];
        allowed[0] = "java..";
        allowed[1] = "javax..";
        allowed[2] = root + ".api..";
        allowed[3] = root + ".spi..";
        System.arraycopy(plugins(root), 0, allowed, 4, PluginSlices.MODULES.length);
        return classes()
                .that().resideInAnyPackage(plugins(root))
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .because("a plugin depends on rtsp-spi (and through it rtsp-api) only, so any module path can hold it");
    }

    static ArchRule clientNeverUsesTheEngine(String root) {
        return classes()
                .that().resideInAPackage(root + ".client..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", root + ".api..",
                        root + ".spi..", root + ".protocol..", root + ".client..")
                .because("rtsp-client may depend on rtsp-api, rtsp-spi and rtsp-protocol only: a server that relays"
                        + " builds on both, and neither may need the other's internals");
    }

    static ArchRule micrometerBindingUsesTheApiOnly(String root) {
        return classes()
                .that().resideInAPackage(root + ".micrometer..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", root + ".api..",
                        root + ".micrometer..", "io.micrometer..")
                .because("rtsp-micrometer reads the counters the API publishes (ServerStream.stats, ServerSession.stats),"
                        + " so an application adds it to any module path that holds the API");
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
