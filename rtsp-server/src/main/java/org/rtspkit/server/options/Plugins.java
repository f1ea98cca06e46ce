package org.rtspkit.server.options;

import java.util.Map;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.MulticastProviders;
import org.rtspkit.spi.SrtpProviders;
import org.rtspkit.spi.TransportProvider;
import org.rtspkit.spi.Transports;

/**
 * Which of the optional rtspkit modules the server found: what it may offer depends on them, since an
 * application picks its transports by what it puts on the module path.
 *
 * @param transports the names of the transports found, for messages ({@code "tcp"}, {@code "tcp, udp"})
 */
public record Plugins(boolean udp, boolean multicast, boolean srtp, String transports) {
    static final String UDP_MODULE = "org.rtspkit.transport.udp (artifact rtsp-transport-udp)";
    static final String MULTICAST_MODULE = "org.rtspkit.multicast (artifact rtsp-multicast)";
    static final String SRTP_MODULE = "org.rtspkit.srtp (artifact rtsp-srtp)";

    /** Every plugin present, as on the server's full module path. */
    public static final Plugins ALL = new Plugins(true, true, true, "tcp, udp");

    /** What the module path (or class path) holds now. */
    public static Plugins found() {
        Map<TransportProtocol, TransportProvider> transports = Transports.available();
        return new Plugins(transports.containsKey(TransportProtocol.UDP), MulticastProviders.find().isPresent(),
                SrtpProviders.find().isPresent(), Transports.describe(transports));
    }
}
