package org.rtspkit.stream.internal.session;

import org.rtspkit.stream.internal.rtp.RtpInfoPosition;

/**
 * A reader that PLAY made active in its stream.
 *
 * @param afterResponse starts the delivery once the PLAY response is written
 * @param rtpInfo       where the reader picks up each media, taken as it became active (null: not known)
 */
record PlayStarted(Runnable afterResponse, RtpInfoPosition[] rtpInfo) {
}
