package org.rtspkit.stream.internal.stream;

import org.rtspkit.stream.internal.net.SessionOutput;

/**
 * Whatever receives a stream's packets: a reader session, or the multicast writer of its groups. The
 * stream's writer calls these for every packet and every recipient, so they only read fields.
 */
public interface Recipient {
    /** The queue towards it; null while it has none. */
    SessionOutput output();

    /** What the stream counts for it. */
    ReaderCounters readerCounters();

    /** Whether it gets the SRTP-protected copy. */
    boolean secure();
}
