package org.rtspkit.spi;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.rtspkit.api.TransportProtocol;

/**
 * The lookup facade for transports. It owns the {@code uses} (so callers need not declare it), skips a
 * provider that fails to load, and keeps the highest-priority provider for each protocol.
 */
public final class Transports {
    private Transports() {
    }

    /**
     * One provider per protocol: the highest {@link TransportProvider#priority()} wins.
     *
     * @return the chosen provider of each protocol found; empty when none is on the module path or class path
     */
    public static Map<TransportProtocol, TransportProvider> available() {
        return choose(load(Transports.class.getClassLoader()));
    }

    /**
     * As {@link #available()}, searching a given class loader (for applications that load plugins themselves).
     *
     * @param loader the class loader whose providers are searched
     * @return the chosen provider of each protocol found
     */
    public static Map<TransportProtocol, TransportProvider> available(ClassLoader loader) {
        return choose(load(loader));
    }

    static Map<TransportProtocol, TransportProvider> choose(List<TransportProvider> providers) {
        Map<TransportProtocol, TransportProvider> chosen = new EnumMap<>(TransportProtocol.class);
        providers.stream()
                .sorted(Comparator.comparingInt(TransportProvider::priority).reversed())
                .forEach(p -> chosen.putIfAbsent(p.protocol(), p));
        return chosen;
    }

    /**
     * Names of the providers, for messages: {@code "tcp, udp"} or {@code "none"}.
     *
     * @param providers providers as {@link #available()} returns them
     * @return their names, sorted and comma-separated
     */
    public static String describe(Map<TransportProtocol, TransportProvider> providers) {
        if (providers.isEmpty()) {
            return "none";
        }
        return providers.values().stream().map(TransportProvider::name).sorted().collect(Collectors.joining(", "));
    }

    private static List<TransportProvider> load(ClassLoader loader) {
        return ProviderLoader.load(TransportProvider.class, loader, "a transport provider");
    }
}
