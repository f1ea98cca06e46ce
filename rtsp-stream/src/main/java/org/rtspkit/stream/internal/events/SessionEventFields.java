package org.rtspkit.stream.internal.events;

import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;

/** What every rtspkit session event says about its session. JFR reads inherited fields too. */
public abstract class SessionEventFields extends Event {
    @Label("Session")
    @Description("The RTSP session id")
    public String sessionId;

    @Label("Path")
    @Description("The path the session reads or publishes")
    public String path;

    @Label("Role")
    @Description("reader (PLAY) or publisher (RECORD)")
    public String role;

    @Label("Transport")
    @Description("How its media travels: UDP, UDP_MULTICAST or TCP, then AVP or SAVP (SRTP)")
    public String transport;

    @Label("Remote Address")
    @Description("The client's address and port, of the connection that sent PLAY or RECORD")
    public String remoteAddress;

    /** Fills the fields from what the session noted when it started. */
    public final void describe(String sessionId, SessionLabel label) {
        this.sessionId = sessionId;
        this.path = label.path();
        this.role = label.role();
        this.transport = label.transport();
        this.remoteAddress = label.remoteAddress();
    }
}
