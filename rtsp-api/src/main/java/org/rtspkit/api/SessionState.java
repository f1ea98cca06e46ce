package org.rtspkit.api;

/** Where a session is in the RTSP state machine (RFC 2326 appendix A). */
public enum SessionState {
    INITIAL("initial"),
    PRE_PLAY("prePlay"),
    PLAY("play"),
    PRE_RECORD("preRecord"),
    RECORD("record");

    private final String wireName;

    SessionState(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in error messages, as clients tuned against other servers expect it. */
    @Override
    public String toString() {
        return wireName;
    }
}
