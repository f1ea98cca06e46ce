package org.rtspkit.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The ServiceLoader walk shared by the lookup facades: a provider that fails to load is logged and
 * skipped, so one broken plugin does not hide the others. It lives in this module, which declares
 * the {@code uses} of every service it loads.
 */
final class ProviderLoader {
    private static final System.Logger LOG = System.getLogger(ProviderLoader.class.getName());

    private ProviderLoader() {
    }

    /** @param what how the provider is named in the warning ("a transport provider") */
    static <T> List<T> load(Class<T> service, ClassLoader loader, String what) {
        List<T> found = new ArrayList<>();
        var it = ServiceLoader.load(service, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.log(System.Logger.Level.WARNING, "skipping " + what + " that failed to load: " + e.getMessage(), e);
            }
        }
        return found;
    }
}
