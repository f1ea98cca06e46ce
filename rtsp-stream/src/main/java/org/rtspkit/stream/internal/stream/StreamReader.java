package org.rtspkit.stream.internal.stream;

import java.net.InetAddress;
import org.rtspkit.api.ServerSession;

/** A reader session as its stream sees it: a recipient that can be told of the stream's end. */
public interface StreamReader extends Recipient, ServerSession {
    /** The address the session was created from: a multicast reader's RTCP comes from it. */
    InetAddress creatorAddress();

    /** A multicast reader's RTCP arrived on its group: it keeps the session alive. */
    void rtcpAccepted();

    /** Ends the session from any thread, with the reason given to the application. */
    void closeAsync(Throwable reason);
}
