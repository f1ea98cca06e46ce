package org.rtspkit.stream.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * A reader lost packets since the last such event: a periodic summary taken from the counters the
 * engine keeps anyway, one event per reader that dropped, never one per packet.
 */
@Name("org.rtspkit.ReaderDrops")
@Label("RTSP Reader Drops")
@Category({"rtspkit", "Sessions"})
@Description("A slow reader's packets dropped since the previous event: its write queue was full or its transport refused them")
@Period("1 s")
@StackTrace(false) // committed by JFR's periodic task: its trace is JFR's
public final class ReaderDropsEvent extends SessionEventFields {
    @Label("Dropped")
    @Description("RTP packets dropped since the previous event of this session (or its start)")
    public long dropped;

    @Label("Dropped In Total")
    public long droppedTotal;

    @Label("Sent In Total")
    public long sentTotal;
}
