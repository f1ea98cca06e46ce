/**
 * rtspkit's counters as Micrometer meters: {@link org.rtspkit.micrometer.RtspkitMetrics} is a
 * {@code MeterBinder} that an application binds to its registry, so that Spring Boot, Quarkus or
 * Helidon report rtspkit next to their own metrics. Optional, and built on the API alone: it reads the
 * stats the engine keeps ({@code ServerStream.stats()}, {@code ServerSession.stats()}) when a registry
 * asks, and adds nothing to the packet path.
 */
module org.rtspkit.micrometer {
    // ServerHandler and ServerStream appear in RtspkitMetrics's methods.
    requires transitive org.rtspkit.api;

    // Micrometer's MeterBinder, MeterRegistry and Tags appear in RtspkitMetrics's methods, so a module
    // that reads this one reads Micrometer too. micrometer-core 1.17 has no module-info: it is the
    // automatic module its manifest names (Automatic-Module-Name: micrometer.core), and so are
    // micrometer-commons and micrometer-observation, which it needs and which resolve with it (every
    // automatic module on the path is resolved once one is). The root pom silences javac's lint about
    // requiring an automatic module transitively.
    requires transitive micrometer.core;

    exports org.rtspkit.micrometer;
}
