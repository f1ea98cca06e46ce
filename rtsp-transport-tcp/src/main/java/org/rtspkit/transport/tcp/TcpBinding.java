package org.rtspkit.transport.tcp;

import java.io.IOException;
import java.util.Set;
import org.rtspkit.spi.ControlChannel;
import org.rtspkit.spi.InboundPackets;
import org.rtspkit.spi.MediaBinding;
import org.rtspkit.spi.PacketSink;
import org.rtspkit.spi.TransportSpec;

/**
 * One media of one session interleaved in its RTSP connection. Each packet is written as
 * {@code '$'}, the channel id, a 16-bit big-endian length and the packet (RFC 2326 §10.12).
 */
final class TcpBinding implements MediaBinding, PacketSink {
    static final int HEADER_LENGTH = 4;
    static final int MAX_FRAME_PAYLOAD = 0xffff;

    private final ControlChannel control;
    private final TransportSpec reply;
    private final int rtpChannel;
    private final int rtcpChannel;
    private final Set<Integer> channels;
    private final ControlChannel.InterleavedReceiver rtpReceiver;
    private final ControlChannel.InterleavedReceiver rtcpReceiver;

    // Reused for every packet; the engine calls a sink from one thread at a time.
    private final byte[] header = new byte[HEADER_LENGTH];

    private boolean started;
    private boolean closed;

    TcpBinding(ControlChannel control, InboundPackets inbound, TransportSpec reply, int rtpChannel) {
        this.control = control;
        this.reply = reply;
        this.rtpChannel = rtpChannel;
        this.rtcpChannel = rtpChannel + 1;
        this.channels = Set.of(rtpChannel, rtcpChannel);
        this.rtpReceiver = inbound::rtp;
        this.rtcpReceiver = inbound::rtcp;
        header[0] = '$';
    }

    @Override
    public TransportSpec reply() {
        return reply;
    }

    @Override
    public PacketSink sink() {
        return this;
    }

    @Override
    public Set<Integer> channels() {
        return channels;
    }

    /**
     * Appends one frame to the connection's output, whole or not at all.
     *
     * @return false when the output has no room for the frame; nothing was written
     * @throws IOException when the packet is longer than a frame's 16-bit length can say
     */
    @Override
    public boolean send(boolean rtcp, byte[] data, int offset, int length) throws IOException {
        if (length > MAX_FRAME_PAYLOAD) {
            throw new IOException("packet of " + length + " bytes does not fit an interleaved frame (at most "
                    + MAX_FRAME_PAYLOAD + ")");
        }
        if (control.writableBytes() < HEADER_LENGTH + length) {
            return false;
        }
        header[1] = (byte) (rtcp ? rtcpChannel : rtpChannel);
        header[2] = (byte) (length >>> 8);
        header[3] = (byte) length;
        control.write(header, 0, HEADER_LENGTH);
        control.write(data, offset, length);
        return true;
    }

    /** Routes the client's frames on this media's two channels to the engine. */
    @Override
    public synchronized void start() {
        if (closed || started) {
            return;
        }
        started = true;
        control.onInterleaved(rtpChannel, rtpReceiver);
        control.onInterleaved(rtcpChannel, rtcpReceiver);
    }

    @Override
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        control.removeInterleaved(rtpChannel);
        control.removeInterleaved(rtcpChannel);
    }

    @Override
    public synchronized void close() {
        closed = true;
        stop();
    }
}
