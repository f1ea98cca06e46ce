package org.rtspkit.archrules;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/** The package names the rules are written against, in one place. */
final class RtspkitPackages {
    static final String ALL = "org.rtspkit..";
    static final String API = "org.rtspkit.api";
    static final String SPI = "org.rtspkit.spi";
    static final String PROTOCOL = "org.rtspkit.protocol";
    static final String FORMATS = "org.rtspkit.formats";
    static final String ENGINE = "org.rtspkit.stream";
    static final String ARCHRULES = "org.rtspkit.archrules";
    static final String INTERNALS = "org.rtspkit..internal..";

    /** The plugin modules' packages: found by the engine with ServiceLoader, exported by none. */
    static final String[] PLUGINS = {
        "org.rtspkit.transport.udp..", "org.rtspkit.transport.tcp..", "org.rtspkit.multicast..", "org.rtspkit.srtp.."
    };

    /** The engine's one exported class. */
    static final String ENGINE_ENTRY_POINT = "org.rtspkit.stream.RtspServers";

    private RtspkitPackages() {
    }

    /** Classes outside {@code org.rtspkit}: what a downstream build writes. */
    static DescribedPredicate<JavaClass> outsideRtspkit(String what) {
        return JavaClass.Predicates.resideOutsideOfPackage(ALL).as(what + " (classes outside org.rtspkit)");
    }

    /** Whether {@code type} is in package {@code root} or a package below it. */
    static boolean inTree(JavaClass type, String root) {
        String name = type.getPackageName();
        return name.equals(root) || name.startsWith(root + ".");
    }

    /** The name of the top-level class that declares {@code type} (itself when it is top level). */
    static String topLevelName(JavaClass type) {
        String name = type.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
