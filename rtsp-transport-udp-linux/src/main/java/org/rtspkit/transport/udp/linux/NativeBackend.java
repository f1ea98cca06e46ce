package org.rtspkit.transport.udp.linux;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * What the JDK 22 classes of this module ({@code org.rtspkit.transport.udp.linux.ffm}) implement. Public
 * only because they live in another package of this module; the package is not exported.
 */
public interface NativeBackend {
    /** Finds out what works here; called once. */
    Availability probe(boolean gsoWanted);

    /** Opens and binds a socket; only called after {@link #probe} said it is available. */
    BatchUdpSocket open(InetSocketAddress local, LinuxUdp.Options options, boolean gso) throws IOException;
}
