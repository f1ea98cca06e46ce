/**
 * The types every payload format shares: {@link org.rtspkit.formats.Packetizer} (access units and
 * presentation times in, RTP packets out, into an {@link org.rtspkit.formats.RtpPacketSink} without
 * allocating per packet), {@link org.rtspkit.formats.Depacketizer} (RTP packets in, whole
 * {@link org.rtspkit.formats.AccessUnit}s out, what was dropped counted in
 * {@link org.rtspkit.formats.DepacketizerStats}), their settings, and
 * {@link org.rtspkit.formats.PayloadFormats}, which finds the pair for a format of a session description.
 *
 * <p>Applications that deal in frames rather than packets use {@link org.rtspkit.formats.FrameWriter}
 * (access units into a {@code ServerStream}) and {@link org.rtspkit.formats.FrameReceiver} (a publisher's
 * access units out of its {@code ServerSession}).
 */
package org.rtspkit.formats;
