package org.rtspkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerConfig;

class MulticastProvidersTest {

    private record Named(String name, int priority) implements MulticastProvider {
        @Override
        public Optional<MulticastService> open(ServerConfig config) {
            return Optional.empty();
        }
    }

    @Test
    void theHighestPriorityWins() {
        Named low = new Named("low", -1);
        Named high = new Named("high", 5);
        assertSame(high, MulticastProviders.choose(List.of(low, high)).orElseThrow());
        assertSame(high, MulticastProviders.choose(List.of(high, low)).orElseThrow());
        assertTrue(MulticastProviders.choose(List.of()).isEmpty());
    }

    @Test
    void saysWhatToAddWhenNoneIsFound() {
        // This module's tests have no multicast provider on their path.
        assertTrue(MulticastProviders.find().isEmpty());
        RtspkitException e = assertThrows(RtspkitException.class, MulticastProviders::require);
        assertEquals("UDP multicast needs a multicast provider; none found on the module path. "
                + "Add org.rtspkit.multicast (artifact rtsp-multicast).", e.getMessage());
    }
}
