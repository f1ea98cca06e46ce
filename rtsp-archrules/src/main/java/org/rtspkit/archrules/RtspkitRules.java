package org.rtspkit.archrules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Rules that keep an application on rtspkit's public surface: {@code org.rtspkit.api}, the engine's
 * entry point {@code org.rtspkit.stream.RtspServers} to start a server, and nothing else of the SDK.
 *
 * <p>Import them into an ArchUnit JUnit 5 test of your build:
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.example.camera", importOptions = ImportOption.DoNotIncludeTests.class)
 * class RtspkitUsageTest {
 *     @ArchTest
 *     static final ArchTests rtspkit = ArchTests.in(RtspkitRules.class);
 * }
 * }</pre>
 *
 * <p><b>Application code</b> is every imported class outside {@code org.rtspkit} ({@link #APPLICATION_CODE}):
 * the rules check whatever your test imports and leave SDK classes alone, so importing your own
 * packages is all it takes. Exclude tests from the import ({@code ImportOption.DoNotIncludeTests}):
 * test code may reach further, for example to check which plugins are present. A rule that finds no
 * application class fails ("failed to check any classes"), so an import that misses your code does
 * not pass silently.
 *
 * <p>The module system already refuses most of this when an application runs on the module path.
 * These rules hold on the class path too, where every package is open to everyone, and they survive
 * an {@code --add-exports} that someone added to get past the module system.
 */
public final class RtspkitRules {
    /** Every class outside {@code org.rtspkit}: what the rules of this class check. */
    public static final DescribedPredicate<JavaClass> APPLICATION_CODE = RtspkitPackages.outsideRtspkit("application code");

    /** Application code does not use any {@code internal} package of rtspkit. */
    @ArchTest
    public static final ArchRule NO_RTSPKIT_INTERNALS = noClasses()
            .that(APPLICATION_CODE)
            .should().dependOnClassesThat().resideInAPackage(RtspkitPackages.INTERNALS)
            .because("rtspkit's internal packages are not exported and change without notice");

    /**
     * Application code never names a plugin's classes (UDP and TCP transports, multicast, SRTP): the
     * engine finds plugins with {@code ServiceLoader}, and an application picks them by what it puts on
     * the module path.
     */
    @ArchTest
    public static final ArchRule NO_PLUGIN_IMPLEMENTATIONS = noClasses()
            .that(APPLICATION_CODE)
            .should().dependOnClassesThat().resideInAnyPackage(RtspkitPackages.PLUGINS)
            .because("plugins are found with ServiceLoader; an application picks them by putting their jars on the"
                    + " module path, never by naming their classes");

    /**
     * Of the engine module, application code uses {@code org.rtspkit.stream.RtspServers} only, to
     * start a server; everything else it needs is in {@code org.rtspkit.api}.
     */
    @ArchTest
    public static final ArchRule ENGINE_ONLY_TO_START_A_SERVER = noClasses()
            .that(APPLICATION_CODE)
            .should().dependOnClassesThat(DescribedPredicate.describe(
                    "reside in org.rtspkit.stream.. other than " + RtspkitPackages.ENGINE_ENTRY_POINT,
                    (JavaClass type) -> RtspkitPackages.inTree(type, RtspkitPackages.ENGINE)
                            && !RtspkitPackages.topLevelName(type).equals(RtspkitPackages.ENGINE_ENTRY_POINT)))
            .because("an application talks to org.rtspkit.api; the engine's one entry point starts servers");

    /**
     * {@code org.rtspkit.spi} is for plugins: application code neither implements its interfaces nor
     * calls them. An application picks plugins by what it puts on the module path and configures them
     * through {@code ServerConfig}.
     */
    @ArchTest
    public static final ArchRule SPI_IS_FOR_PLUGINS = noClasses()
            .that(APPLICATION_CODE)
            .should().dependOnClassesThat().resideInAPackage(RtspkitPackages.SPI + "..")
            .because("org.rtspkit.spi is the contract between the engine and its plugins; an application configures"
                    + " plugins through ServerConfig and picks them by what it puts on the module path");

    /**
     * Application code uses rtspkit only through its published packages: {@code org.rtspkit.api},
     * {@code org.rtspkit.stream} (within the limits of the rules above), the payload formats
     * ({@code org.rtspkit.formats} and its packages) and these rules themselves
     * ({@code org.rtspkit.archrules}). This also covers the protocol codecs, which rtspkit exports to
     * its own modules only, and packages that a later rtspkit version adds without exporting them.
     */
    @ArchTest
    public static final ArchRule ONLY_PUBLISHED_PACKAGES = noClasses()
            .that(APPLICATION_CODE)
            .should().dependOnClassesThat(DescribedPredicate.describe(
                    "reside in org.rtspkit.. outside its published packages (" + RtspkitPackages.API + ", "
                            + RtspkitPackages.ENGINE + ", " + RtspkitPackages.FORMATS + ".., " + RtspkitPackages.ARCHRULES + ")",
                    (JavaClass type) -> type.getPackageName().startsWith("org.rtspkit.")
                            && !type.getPackageName().equals(RtspkitPackages.API)
                            && !RtspkitPackages.inTree(type, RtspkitPackages.FORMATS)
                            && !type.getPackageName().equals(RtspkitPackages.ENGINE)
                            && !type.getPackageName().equals(RtspkitPackages.ARCHRULES)))
            .because("only what rtspkit's modules export is its API");

    private RtspkitRules() {
    }
}
