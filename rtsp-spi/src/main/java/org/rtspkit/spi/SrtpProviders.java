package org.rtspkit.spi;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.rtspkit.api.RtspkitException;

/**
 * The lookup facade for SRTP. It owns the {@code uses} (so callers need not declare it), skips a
 * provider that fails to load, and picks the provider of highest {@link SrtpProvider#priority()}.
 */
public final class SrtpProviders {
    /** The message of {@link #require()}; also what to log when RTSPS is asked for without SRTP. */
    public static final String MISSING = "RTSPS needs an SRTP provider; none found on the module path. "
            + "Add org.rtspkit.srtp (artifact rtsp-srtp).";

    private SrtpProviders() {
    }

    /**
     * The highest-priority provider, or empty when none is on the module path or class path.
     *
     * @return the provider, or empty
     */
    public static Optional<SrtpProvider> find() {
        return choose(load(SrtpProviders.class.getClassLoader()));
    }

    /**
     * As {@link #find()}, searching a given class loader (for applications that load plugins themselves).
     *
     * @param loader the class loader whose providers are searched
     * @return the provider, or empty
     */
    public static Optional<SrtpProvider> find(ClassLoader loader) {
        return choose(load(loader));
    }

    /**
     * The highest-priority provider.
     *
     * @return the provider
     * @throws RtspkitException with {@link #MISSING} when there is none
     */
    public static SrtpProvider require() {
        return find().orElseThrow(() -> new RtspkitException(MISSING));
    }

    static Optional<SrtpProvider> choose(List<SrtpProvider> providers) {
        return providers.stream().max(Comparator.comparingInt(SrtpProvider::priority));
    }

    private static List<SrtpProvider> load(ClassLoader loader) {
        return ProviderLoader.load(SrtpProvider.class, loader, "an SRTP provider");
    }
}
