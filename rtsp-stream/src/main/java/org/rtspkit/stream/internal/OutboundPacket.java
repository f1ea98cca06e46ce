package org.rtspkit.stream.internal;

/**
 * A marshalled packet on its way out. One instance is shared by every reader it is queued for, so
 * neither it nor its bytes may be modified once queued.
 */
final class OutboundPacket {
    final int mediaIndex;
    final boolean rtcp;
    final byte[] data;
    final int length;

    OutboundPacket(int mediaIndex, boolean rtcp, byte[] data, int length) {
        this.mediaIndex = mediaIndex;
        this.rtcp = rtcp;
        this.data = data;
        this.length = length;
    }
}
