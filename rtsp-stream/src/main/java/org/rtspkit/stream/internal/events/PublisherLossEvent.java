package org.rtspkit.stream.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * A publisher's packets went missing since the last such event (gaps in its sequence numbers, as the
 * engine counts them anyway): a periodic summary, one event per publisher that lost packets.
 */
@Name("org.rtspkit.PublisherLoss")
@Label("RTSP Publisher Loss")
@Category({"rtspkit", "Sessions"})
@Description("A publisher's RTP packets that never arrived since the previous event, by sequence number")
@Period("1 s")
@StackTrace(false) // committed by JFR's periodic task: its trace is JFR's
public final class PublisherLossEvent extends SessionEventFields {
    @Label("Lost")
    @Description("RTP packets lost since the previous event of this session (or its start)")
    public long lost;

    @Label("Lost In Total")
    public long lostTotal;

    @Label("Received In Total")
    public long receivedTotal;
}
