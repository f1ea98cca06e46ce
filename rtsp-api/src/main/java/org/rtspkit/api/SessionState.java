package org.rtspkit.api;

/** Where a session is in the RTSP state machine (RFC 2326 appendix A). */
public enum SessionState {
    /** Created by ANNOUNCE or the first SETUP; nothing set up or announced is playing yet. */
    INITIAL("initial"),
    /** A reader with medias set up, not playing (after SETUP or PAUSE). */
    PRE_PLAY("prePlay"),
    /** A reader receiving media (after PLAY). */
    PLAY("play"),
    /** A publisher with medias set up, not recording (after SETUP or PAUSE). */
    PRE_RECORD("preRecord"),
    /** A publisher sending media (after RECORD). */
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
