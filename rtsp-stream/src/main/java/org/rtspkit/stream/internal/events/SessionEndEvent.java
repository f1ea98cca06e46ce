package org.rtspkit.stream.internal.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A session that had started ended, with its totals (its {@code SessionStats} at the end). Sessions
 * that never played or recorded have no start and no end event.
 */
@Name("org.rtspkit.SessionEnd")
@Label("RTSP Session End")
@Category({"rtspkit", "Sessions"})
@Description("A session that had played or recorded ended: how long it streamed, what it carried and lost")
@StackTrace(false) // the closing path says nothing the reason does not
public final class SessionEndEvent extends SessionEventFields {
    @Label("Reason")
    @Description("Why it ended, as onSessionClose is told (for example torn down by ADDRESS); empty when the application closed it")
    public String reason;

    @Label("Streamed For")
    @Timespan(Timespan.NANOSECONDS)
    public long streamedFor;

    @Label("Bytes In")
    @DataAmount
    public long inboundBytes;

    @Label("RTP Packets In")
    public long inboundRtpPackets;

    @Label("RTP Packets Lost")
    @Description("A publisher's packets that never arrived, by sequence number")
    public long inboundRtpPacketsLost;

    @Label("Bytes Out")
    @DataAmount
    public long outboundBytes;

    @Label("RTP Packets Out")
    public long outboundRtpPackets;

    @Label("RTP Packets Dropped")
    @Description("A reader's packets refused by its full write queue or by its transport")
    public long outboundRtpPacketsDropped;
}
