package org.rtspkit.protocol.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rtspkit.api.Format;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.SessionDescription;

/**
 * Reads SDP (RFC 8866) as publishers and cameras write it. Only what a server needs is kept (title,
 * and per media: type, mid, control, formats); unknown lines and attributes are skipped, and lines may
 * end in {@code \n} or {@code \r\n} with trailing blanks.
 */
public final class SdpReader {
    private SdpReader() {
    }

    /**
     * Parses SDP text as FFmpeg, GStreamer and cameras send it.
     *
     * <p>Direction attributes are not read: every parsed media has {@code backChannel == false},
     * because an {@code a=sendonly} in a publisher's ANNOUNCE is ordinary and the text does not say
     * which side wrote it.
     *
     * @param sdp the SDP text
     * @return the description
     * @throws MalformedDataException naming the line or the media (numbered from 1) that is wrong
     */
    public static SessionDescription parse(String sdp) {
        if (sdp == null) {
            throw new MalformedDataException("session description is missing");
        }
        String title = "";
        boolean sawLine = false;
        List<MediaSection> sections = new ArrayList<>();
        MediaSection current = null;

        int pos = 0;
        int len = sdp.length();
        while (pos < len) {
            int nl = sdp.indexOf('\n', pos);
            int end = nl < 0 ? len : nl;
            String line = stripTrailing(sdp, pos, end);
            pos = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !isAsciiLetter(line.charAt(0))) {
                throw new MalformedDataException("invalid line: (" + line + ")");
            }
            sawLine = true;
            String value = line.substring(2);
            switch (line.charAt(0)) {
                case 's' -> {
                    if (current == null) {
                        title = value;
                    }
                }
                case 'm' -> {
                    current = new MediaSection(sections.size() + 1, value);
                    sections.add(current);
                }
                case 'a' -> {
                    if (current != null) {
                        current.attribute(value);
                    }
                }
                default -> {
                    // v, o, c, t, b, i, u, e, p, z, k, r and anything newer carry nothing a server serves.
                }
            }
        }
        if (!sawLine) {
            throw new MalformedDataException("session description is empty");
        }
        List<Media> medias = new ArrayList<>(sections.size());
        for (MediaSection s : sections) {
            medias.add(s.toMedia());
        }
        return new SessionDescription(title, medias);
    }

    private static String stripTrailing(String s, int start, int end) {
        int e = end;
        while (e > start) {
            char c = s.charAt(e - 1);
            if (c != '\r' && c != ' ' && c != '\t') {
                break;
            }
            e--;
        }
        return s.substring(start, e);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** An {@code m=} line and the attributes that follow it. */
    private static final class MediaSection {
        private final int number;
        private final String mediaLine;
        private final Map<Integer, String> rtpMaps = new HashMap<>();
        private final Map<Integer, String> fmtps = new HashMap<>();
        private String control;
        private String mid;
        private MalformedDataException attributeError;

        MediaSection(int number, String mediaLine) {
            this.number = number;
            this.mediaLine = mediaLine;
        }

        void attribute(String attr) {
            int colon = attr.indexOf(':');
            String name = colon < 0 ? attr : attr.substring(0, colon);
            String value = colon < 0 ? "" : attr.substring(colon + 1);
            switch (name) {
                case "control" -> {
                    if (control == null) {
                        control = value;
                    }
                }
                case "mid" -> {
                    if (mid == null) {
                        mid = value;
                    }
                }
                case "rtpmap" -> formatAttribute("rtpmap", value, rtpMaps, true);
                case "fmtp" -> formatAttribute("fmtp", value, fmtps, false);
                default -> {
                    // Direction attributes are deliberately ignored. In an ANNOUNCE a publisher may
                    // well mark its medias a=sendonly, which is normal there and no ONVIF back channel;
                    // a parser cannot tell which side wrote the description, so every parsed media has
                    // backChannel=false. Only descriptions the application builds carry back channels,
                    // and SdpWriter writes a=sendonly/a=recvonly for them.
                    // rtcp-fb, ts-refclk, mediaclk, framerate, range... carry nothing we serve.
                }
            }
        }

        /** {@code <pt> <rest>}; the first attribute for a payload type wins. */
        private void formatAttribute(String name, String value, Map<Integer, String> into, boolean restRequired) {
            String v = value.strip();
            int sp = 0;
            while (sp < v.length() && !Character.isWhitespace(v.charAt(sp))) {
                sp++;
            }
            String rest = v.substring(sp).strip();
            int pt = payloadType(v.substring(0, sp));
            if (pt < 0 || (restRequired && rest.isEmpty())) {
                if (attributeError == null) {
                    attributeError = error("invalid " + name + " (" + value + ")");
                }
                return;
            }
            into.putIfAbsent(pt, rest);
        }

        Media toMedia() {
            String[] fields = mediaLine.strip().split("[ \t]+");
            if (fields.length < 3) {
                throw error("invalid media line (" + mediaLine + ")");
            }
            MediaType type = MediaType.fromSdpName(fields[0]);
            if (type == null) {
                throw error("unsupported media type (" + fields[0] + ")");
            }
            if (fields.length == 3) {
                throw error("no formats found");
            }
            Set<Integer> payloadTypes = new LinkedHashSet<>();
            for (int i = 3; i < fields.length; i++) {
                int pt = payloadType(fields[i]);
                if (pt < 0) {
                    throw error("invalid payload type (" + fields[i] + ")");
                }
                if (!payloadTypes.add(pt)) {
                    throw error("duplicate payload type (" + pt + ")");
                }
            }
            if (attributeError != null) {
                throw attributeError;
            }
            List<Format> formats = new ArrayList<>(payloadTypes.size());
            for (int pt : payloadTypes) {
                try {
                    formats.add(Format.fromSdp(pt, rtpMaps.get(pt), FmtpText.parse(fmtps.get(pt))));
                } catch (MalformedDataException e) {
                    throw error(e.getMessage());
                }
            }
            return new Media(type, mid, false, control, formats);
        }

        private MalformedDataException error(String what) {
            return new MalformedDataException("media " + number + " is invalid: " + what);
        }

        private static int payloadType(String token) {
            if (token.isEmpty() || token.length() > 3) {
                return -1;
            }
            for (int i = 0; i < token.length(); i++) {
                if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                    return -1;
                }
            }
            int pt = Integer.parseInt(token);
            return pt <= 127 ? pt : -1;
        }
    }
}
