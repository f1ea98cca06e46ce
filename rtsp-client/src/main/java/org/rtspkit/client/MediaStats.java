package org.rtspkit.client;

import org.rtspkit.api.Media;
import org.rtspkit.api.TransportProtocol;

/**
 * Counters of one set-up media.
 *
 * @param media the media
 * @param transport how its packets travel
 * @param rtpPacketsReceived RTP packets delivered to the handler
 * @param rtpPacketsLost RTP packets whose sequence numbers were skipped
 * @param rtpPacketsInError RTP packets dropped as undecodable (bad header, unknown payload type,
 *                          failed SRTP authentication), duplicates and packets that came too late
 * @param bytesReceived RTP payload bytes delivered
 * @param rtcpPacketsReceived RTCP compound packets received
 * @param rtpPacketsSent RTP packets sent (publishing)
 * @param bytesSent RTP payload bytes sent
 * @param rtcpPacketsSent RTCP compound packets sent (receiver or sender reports)
 */
public record MediaStats(Media media, TransportProtocol transport, long rtpPacketsReceived, long rtpPacketsLost,
                         long rtpPacketsInError, long bytesReceived, long rtcpPacketsReceived, long rtpPacketsSent,
                         long bytesSent, long rtcpPacketsSent) {
}
