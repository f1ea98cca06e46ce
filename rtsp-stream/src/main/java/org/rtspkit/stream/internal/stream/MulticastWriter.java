package org.rtspkit.stream.internal.stream;

import java.io.IOException;
import java.net.InetAddress;
import org.rtspkit.api.MulticastParams;
import org.rtspkit.api.TransportProfile;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.MulticastGroup;
import org.rtspkit.spi.MulticastInbound;
import org.rtspkit.spi.MulticastService;
import org.rtspkit.spi.PacketSink;
import org.rtspkit.spi.PortPair;
import org.rtspkit.spi.TransportSpec;
import org.rtspkit.stream.internal.net.IoLoop;
import org.rtspkit.stream.internal.net.SessionOutput;

/**
 * The multicast side of a stream: one group per media, fed once per packet for all multicast readers.
 * It exists from the first multicast reader's SETUP to the last one's departure, and it is a
 * {@link Recipient} like a reader, so it gets the same packets and sender reports.
 */
public final class MulticastWriter implements Recipient {
    private static final System.Logger LOG = System.getLogger(MulticastWriter.class.getName());

    private final MulticastGroup[] groups;
    private final SessionOutput output;
    private final ReaderCounters counters = new ReaderCounters();
    private final boolean secure;
    private final int ttl;

    private MulticastWriter(MulticastGroup[] groups, SessionOutput output, boolean secure, int ttl) {
        this.groups = groups;
        this.output = output;
        this.secure = secure;
        this.ttl = ttl;
    }

    /**
     * Opens a group for every media: the application's address and ports where it gave them, else the
     * next address of the server's range with the configured ports.
     */
    static MulticastWriter open(MulticastService service, MulticastParams[] overrides, MulticastInbound inbound,
                                int queueSize, IoLoop loop, boolean secure) throws IOException {
        MulticastGroup[] groups = new MulticastGroup[overrides.length];
        PacketSink[] sinks = new PacketSink[overrides.length];
        try {
            for (int i = 0; i < groups.length; i++) {
                MulticastParams p = overrides[i];
                InetAddress address = p != null ? p.group() : service.allocate();
                groups[i] = p != null ? service.open(address, p.rtpPort(), p.rtcpPort(), inbound)
                        : service.open(address, service.rtpPort(), service.rtcpPort(), inbound);
                sinks[i] = groups[i].sink();
            }
        } catch (IOException | RuntimeException e) {
            for (MulticastGroup g : groups) {
                if (g != null) {
                    g.close();
                }
            }
            throw e;
        }
        // Send failures are counted by the groups and never reach a session: multicast trouble must not
        // disturb unicast readers of the same stream.
        SessionOutput output = new SessionOutput(e -> LOG.log(System.Logger.Level.WARNING, "multicast send failed", e),
                queueSize, loop, sinks, null);
        output.start();
        return new MulticastWriter(groups, output, secure, service.ttl());
    }

    /** The SETUP answer for a reader of one media. */
    public TransportSpec reply(int media, TransportProfile profile) {
        MulticastGroup g = groups[media];
        return new TransportSpec(TransportProtocol.UDP_MULTICAST, profile, g.group().getHostAddress(), null, null,
                new PortPair(g.rtpPort(), g.rtcpPort()), ttl, null, null, null, null);
    }

    @Override
    public SessionOutput output() {
        return output;
    }

    @Override
    public ReaderCounters readerCounters() {
        return counters;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    void close() {
        output.close();
        for (MulticastGroup g : groups) {
            g.close();
        }
    }
}
