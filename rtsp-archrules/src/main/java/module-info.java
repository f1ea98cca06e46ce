/**
 * ArchUnit rules shipped with rtspkit. {@link org.rtspkit.archrules.RtspkitRules} keeps an
 * application on the SDK's public surface, {@link org.rtspkit.archrules.RtspkitPluginRules} does the
 * same for a plugin written outside the SDK, and {@link org.rtspkit.archrules.RtspkitModuleRules} is
 * the module picture rtspkit's own build checks. A downstream test imports a set with
 * {@code @ArchTest static final ArchTests rtspkit = ArchTests.in(RtspkitRules.class);}.
 */
module org.rtspkit.archrules {
    // The rules are ArchRule constants and the imports go through ArchTests: both types are part of
    // this module's API, so a test module that reads this one reads ArchUnit too. Both are automatic
    // modules (no module-info of their own); the root pom silences javac's lint about that.
    requires transitive com.tngtech.archunit;
    requires transitive com.tngtech.archunit.junit5.api;

    exports org.rtspkit.archrules;
}
