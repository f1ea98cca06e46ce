package org.rtspkit.protocol.sdp;

import java.util.List;
import java.util.Map;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.SessionDescription;

/** Writes a {@link SessionDescription} as SDP (RFC 8866), as the engine serves it to DESCRIBE. */
public final class SdpWriter {
    private SdpWriter() {
    }

    /**
     * SDP text with profile {@code RTP/AVP} and connection address {@code 0.0.0.0}.
     *
     * @param description the description
     * @return the SDP text
     */
    public static String write(SessionDescription description) {
        return write(description, false, "0.0.0.0");
    }

    /**
     * SDP text, lines ending in CRLF. When any media is a back channel it is written
     * {@code a=sendonly} and every other media {@code a=recvonly}, as ONVIF back channels are described, so a client
     * can tell what it may send.
     *
     * @param description       the description
     * @param secure            write {@code RTP/SAVP} instead of {@code RTP/AVP} on every m= line
     * @param connectionAddress the IPv4 address of the session-level {@code c=} line
     * @return the SDP text
     */
    public static String write(SessionDescription description, boolean secure, String connectionAddress) {
        return write(description, secure, connectionAddress, null);
    }

    /**
     * As {@link #write(SessionDescription, boolean, String)}, announcing each media's SRTP key (RFC 4567
     * {@code a=key-mgmt:mikey}) for clients of RTSPS.
     *
     * @param description the description
     * @param secure write {@code RTP/SAVP} instead of {@code RTP/AVP} on every m= line
     * @param connectionAddress the IPv4 address of the session-level {@code c=} line
     * @param mikeyPerMedia the base64 MIKEY message of each media, by media index; null for none
     * @return the SDP text
     */
    public static String write(SessionDescription description, boolean secure, String connectionAddress,
                               List<String> mikeyPerMedia) {
        List<Media> medias = description.medias();
        String title = description.title();
        boolean anyBackChannel = medias.stream().anyMatch(Media::backChannel);
        StringBuilder sb = new StringBuilder(256 + 256 * medias.size());
        line(sb, "v=0");
        line(sb, "o=- 0 0 IN IP4 127.0.0.1");
        line(sb, "s=" + (title.isEmpty() ? " " : title));
        line(sb, "c=IN IP4 " + connectionAddress);
        line(sb, "t=0 0");
        for (int i = 0; i < medias.size(); i++) {
            Media m = medias.get(i);
            sb.append("m=").append(m.type().sdpName()).append(" 0 ").append(secure ? "RTP/SAVP" : "RTP/AVP");
            for (Format f : m.formats()) {
                sb.append(' ').append(f.payloadType());
            }
            sb.append("\r\n");
            if (m.id() != null) {
                line(sb, "a=mid:" + m.id());
            }
            if (m.backChannel()) {
                line(sb, "a=sendonly");
            }
            if (mikeyPerMedia != null && mikeyPerMedia.get(i) != null) {
                line(sb, "a=key-mgmt:mikey " + mikeyPerMedia.get(i));
            }
            if (m.control() != null) {
                line(sb, "a=control:" + m.control());
            }
            for (Format f : m.formats()) {
                String rtpMap = f.rtpMap();
                if (rtpMap != null) {
                    line(sb, "a=rtpmap:" + f.payloadType() + " " + rtpMap);
                }
                Map<String, String> fmtp = f.fmtp();
                if (!fmtp.isEmpty()) {
                    line(sb, "a=fmtp:" + f.payloadType() + " " + FmtpText.format(fmtp));
                }
            }
            if (anyBackChannel && !m.backChannel()) {
                line(sb, "a=recvonly");
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String text) {
        sb.append(text).append("\r\n");
    }
}
