package org.rtspkit.formats.internal;

import java.util.ArrayList;
import java.util.List;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.RtpPacketSink;

/** A sink that keeps a parsed copy of every packet, for callers that want {@link RtpPacket} values. */
public final class PacketCollector implements RtpPacketSink {
    private final List<RtpPacket> packets = new ArrayList<>();

    @Override
    public void packet(byte[] buffer, int offset, int length) {
        packets.add(RtpPacket.unmarshal(buffer, offset, length));
    }

    public List<RtpPacket> packets() {
        return packets;
    }
}
