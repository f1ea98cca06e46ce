package com.example.archfixture.broken;

import org.rtspkit.api.SessionDescription;
import org.rtspkit.protocol.sdp.SdpReader;

/** Reads SDP with rtspkit's codecs, which are exported to rtspkit's own modules only. */
public final class UsesTheProtocol {
    private UsesTheProtocol() {
    }

    public static SessionDescription parse(String sdp) {
        return SdpReader.parse(sdp);
    }
}
