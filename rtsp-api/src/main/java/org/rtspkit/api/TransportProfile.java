package org.rtspkit.api;

/** Plain RTP ({@code RTP/AVP}) or secure RTP ({@code RTP/SAVP}). */
public enum TransportProfile {
    /** Plain RTP and RTCP ({@code RTP/AVP}, RFC 3551). */
    AVP,
    /** SRTP and SRTCP ({@code RTP/SAVP}, RFC 3711), keys exchanged with MIKEY. */
    SAVP
}
