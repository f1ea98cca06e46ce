package org.rtspkit.api;

/** Plain RTP ({@code RTP/AVP}) or secure RTP ({@code RTP/SAVP}). */
public enum TransportProfile {
    AVP,
    SAVP
}
