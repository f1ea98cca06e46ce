package org.rtspkit.client.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.SenderReport;
import org.rtspkit.client.ClientHandler;
import org.rtspkit.client.RtspClientException;

/**
 * Records what a client receives: packet counts, every break in sequence numbers, sender reports,
 * and the H.264 stream put back together so that FFmpeg can decode it.
 */
final class Collector implements ClientHandler {
    final AtomicLong packets = new AtomicLong();
    final AtomicLong senderReports = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    final List<String> sequenceBreaks = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicReference<RtspClientException> closedWith = new AtomicReference<>();
    final CountDownLatch closed = new CountDownLatch(1);
    final CountDownLatch firstPacket = new CountDownLatch(1);
    private final H264Rtp.Depacketizer depacketizer = new H264Rtp.Depacketizer();
    private int lastSeq = -1;
    volatile Media lastMedia;
    volatile RtpPacket lastPacket;

    @Override
    public synchronized void onPacketRtp(Media media, Format format, RtpPacket packet) {
        packets.incrementAndGet();
        if (lastSeq >= 0 && packet.sequenceNumber() != ((lastSeq + 1) & 0xFFFF)) {
            sequenceBreaks.add(lastSeq + " -> " + packet.sequenceNumber());
        }
        lastSeq = packet.sequenceNumber();
        lastMedia = media;
        lastPacket = packet;
        if (format.rtpMap() != null && format.rtpMap().toUpperCase().startsWith("H264")) {
            depacketizer.packet(packet);
        }
        firstPacket.countDown();
    }

    @Override
    public void onPacketRtcp(Media media, RtcpPacket packet) {
        if (packet instanceof SenderReport) {
            senderReports.incrementAndGet();
        }
    }

    @Override
    public synchronized void onPacketsLost(Media media, Format format, long count) {
        lost.addAndGet(count);
        depacketizer.lost();
    }

    @Override
    public void onClose(RtspClientException error) {
        closedWith.set(error);
        closed.countDown();
    }

    synchronized int accessUnits() {
        return depacketizer.accessUnits();
    }

    /** The received H.264 as an Annex B file. */
    synchronized Path writeH264(Path dir, String name) throws java.io.IOException {
        Path file = dir.resolve(name);
        Files.write(file, depacketizer.stream());
        return file;
    }
}
