package org.rtspkit.archrules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Rules for a plugin written outside rtspkit (a transport, an SRTP or a multicast provider): it knows
 * the SDK through {@code org.rtspkit.api} and {@code org.rtspkit.spi} only, so the engine can find it
 * with {@code ServiceLoader} and it keeps working whatever else is on the module path.
 *
 * <p>Import them in a test whose {@code @AnalyzeClasses} covers the plugin's packages:
 * {@code @ArchTest static final ArchTests plugin = ArchTests.in(RtspkitPluginRules.class);}. As with
 * {@link RtspkitRules}, every imported class outside {@code org.rtspkit} is checked
 * ({@link #PLUGIN_CODE}); exclude test classes from the import.
 */
public final class RtspkitPluginRules {
    /** Every class outside {@code org.rtspkit}: what the rules of this class check. */
    public static final DescribedPredicate<JavaClass> PLUGIN_CODE = RtspkitPackages.outsideRtspkit("plugin code");

    /** Plugin code never uses the engine module, not even its entry point. */
    @ArchTest
    public static final ArchRule PLUGINS_NEVER_USE_THE_ENGINE = noClasses()
            .that(PLUGIN_CODE)
            .should().dependOnClassesThat().resideInAPackage(RtspkitPackages.ENGINE + "..")
            .because("the engine loads plugins, not the other way round: a plugin sees the engine only through"
                    + " the org.rtspkit.spi interfaces it is handed");

    /**
     * Plugin code uses rtspkit's {@code org.rtspkit.api} and {@code org.rtspkit.spi} packages only:
     * no other plugin, no internal package.
     */
    @ArchTest
    public static final ArchRule PLUGINS_USE_THE_API_AND_THE_SPI_ONLY = noClasses()
            .that(PLUGIN_CODE)
            .should().dependOnClassesThat(DescribedPredicate.describe(
                    "reside in org.rtspkit.. outside " + RtspkitPackages.API + " and " + RtspkitPackages.SPI,
                    (JavaClass type) -> type.getPackageName().startsWith("org.rtspkit.")
                            && !type.getPackageName().equals(RtspkitPackages.API)
                            && !type.getPackageName().equals(RtspkitPackages.SPI)))
            .because("plugins never import the engine or each other; org.rtspkit.spi is their whole contract");

    private RtspkitPluginRules() {
    }
}
