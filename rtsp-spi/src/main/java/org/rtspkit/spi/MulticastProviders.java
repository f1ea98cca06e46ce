package org.rtspkit.spi;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.rtspkit.api.RtspkitException;

/**
 * The lookup facade for UDP multicast. It owns the {@code uses} (so callers need not declare it),
 * skips a provider that fails to load, and picks the provider of highest
 * {@link MulticastProvider#priority()}.
 */
public final class MulticastProviders {
    /** The message of {@link #require()}; also what to report when multicast is configured without a provider. */
    public static final String MISSING = "UDP multicast needs a multicast provider; none found on the module path. "
            + "Add org.rtspkit.multicast (artifact rtsp-multicast).";

    private MulticastProviders() {
    }

    /**
     * The highest-priority provider, or empty when none is on the module path or class path.
     *
     * @return the provider, or empty
     */
    public static Optional<MulticastProvider> find() {
        return choose(load(MulticastProviders.class.getClassLoader()));
    }

    /**
     * As {@link #find()}, searching a given class loader (for applications that load plugins themselves).
     *
     * @param loader the class loader whose providers are searched
     * @return the provider, or empty
     */
    public static Optional<MulticastProvider> find(ClassLoader loader) {
        return choose(load(loader));
    }

    /**
     * The highest-priority provider.
     *
     * @return the provider
     * @throws RtspkitException with {@link #MISSING} when there is none
     */
    public static MulticastProvider require() {
        return find().orElseThrow(() -> new RtspkitException(MISSING));
    }

    static Optional<MulticastProvider> choose(List<MulticastProvider> providers) {
        return providers.stream().max(Comparator.comparingInt(MulticastProvider::priority));
    }

    private static List<MulticastProvider> load(ClassLoader loader) {
        return ProviderLoader.load(MulticastProvider.class, loader, "a multicast provider");
    }
}
