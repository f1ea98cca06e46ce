package org.rtspkit.stream.internal.rtp;

import java.time.Instant;
import java.util.Objects;

/**
 * The {@code seq} and {@code rtptime} of an RTP-Info entry (RFC 2326 §12.33): the sequence number of
 * the first packet a reader that starts playing now will get, and the RTP time of the moment PLAY
 * starts.
 *
 * @param sequenceNumber 0..65535
 * @param rtpTime        0..2^32−1
 */
public record RtpInfoPosition(int sequenceNumber, long rtpTime) {

    /**
     * Computes the position from the last packet written: seq = last + 1 and
     * rtptime = lastRtp + floor((now − lastNtp) · clockRate) − clockRate / 10, both wrapped to their
     * field width. The tenth of a second taken off keeps a client from seeing the first packets'
     * decoding times ahead of the announced start, as the reference server does.
     *
     * @param lastSequenceNumber the sequence number of the last packet written, 0..65535
     * @param lastRtpTimestamp   its RTP timestamp, 0..2^32−1
     * @param lastNtp            the absolute time written with it
     * @param clockRate          the format's clock rate in Hz, positive
     * @param now                the server's clock at the PLAY response
     */
    public static RtpInfoPosition after(int lastSequenceNumber, long lastRtpTimestamp, Instant lastNtp, int clockRate,
                                        Instant now) {
        RtpTime.checkSequenceNumber(lastSequenceNumber);
        RtpTime.checkTimestamp(lastRtpTimestamp);
        Objects.requireNonNull(lastNtp, "lastNtp");
        Objects.requireNonNull(now, "now");
        if (clockRate <= 0) {
            throw new IllegalArgumentException("RTP-Info timing needs a positive clock rate, got " + clockRate);
        }
        long elapsedTicks = RtpTime.floorTicks(lastNtp.getEpochSecond(), lastNtp.getNano(),
                now.getEpochSecond(), now.getNano(), clockRate);
        return new RtpInfoPosition(
                (lastSequenceNumber + 1) & RtpTime.UINT16_MASK,
                RtpTime.uint32(lastRtpTimestamp + elapsedTicks - clockRate / 10));
    }
}
