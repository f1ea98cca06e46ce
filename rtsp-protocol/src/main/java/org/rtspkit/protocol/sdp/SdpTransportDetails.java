package org.rtspkit.protocol.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a client needs from a server's SDP besides the {@link org.rtspkit.api.SessionDescription}
 * that {@link SdpReader} gives: the session-level control, and per media the transport profile of
 * its {@code m=} line, its port, its connection address and its MIKEY key ({@code a=key-mgmt},
 * RFC 4567). Read leniently: a line this class does not understand is skipped, since
 * {@link SdpReader} has already judged the text.
 *
 * @param sessionControl the session-level {@code a=control}, or null
 * @param medias one entry per {@code m=} line, in order
 */
public record SdpTransportDetails(String sessionControl, List<Media> medias) {

    /**
     * One media's transport details.
     *
     * @param protocol the {@code m=} line's protocol token as written ({@code RTP/AVP}, {@code RTP/SAVP}...)
     * @param port the {@code m=} line's port (0 for most RTSP servers; the group's port in multicast SDP)
     * @param connectionAddress the media's {@code c=} address, else the session's, without {@code /ttl}; or null
     * @param mikey the base64 MIKEY message of {@code a=key-mgmt:mikey} (media level, else session level), or null
     */
    public record Media(String protocol, int port, String connectionAddress, String mikey) {
        /**
         * Whether the media is secure ({@code RTP/SAVP}, {@code RTP/SAVPF}).
         *
         * @return true for a SAVP profile
         */
        public boolean secure() {
            return protocol.toUpperCase(Locale.ROOT).startsWith("RTP/SAVP");
        }
    }

    /**
     * Reads the details.
     *
     * @param sdp the SDP text
     * @return the details, with as many medias as the text has {@code m=} lines
     */
    public static SdpTransportDetails parse(String sdp) {
        String sessionControl = null;
        String sessionConnection = null;
        String sessionMikey = null;
        List<String[]> raw = new ArrayList<>();
        String[] current = null;
        for (String rawLine : sdp.split("\n")) {
            String line = rawLine.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            String value = line.substring(2);
            switch (line.charAt(0)) {
                case 'm' -> {
                    // protocol, port, connection, mikey
                    String[] fields = value.strip().split("[ \t]+");
                    current = new String[] {fields.length > 2 ? fields[2] : "RTP/AVP",
                        fields.length > 1 ? fields[1] : "0", null, null};
                    raw.add(current);
                }
                case 'c' -> {
                    String address = connectionAddress(value);
                    if (current == null) {
                        sessionConnection = address;
                    } else {
                        current[2] = address;
                    }
                }
                case 'a' -> {
                    if (value.startsWith("control:") && current == null) {
                        sessionControl = value.substring("control:".length()).strip();
                    } else if (value.regionMatches(true, 0, "key-mgmt:", 0, "key-mgmt:".length())) {
                        String rest = value.substring("key-mgmt:".length()).strip();
                        int sp = rest.indexOf(' ');
                        if (sp > 0 && rest.substring(0, sp).equalsIgnoreCase("mikey")) {
                            String data = rest.substring(sp + 1).strip();
                            if (current == null) {
                                sessionMikey = data;
                            } else {
                                current[3] = data;
                            }
                        }
                    }
                }
                default -> {
                    // nothing else matters to the transport
                }
            }
        }
        List<Media> medias = new ArrayList<>(raw.size());
        for (String[] m : raw) {
            int port;
            try {
                String p = m[1];
                int slash = p.indexOf('/');
                port = Integer.parseInt(slash < 0 ? p : p.substring(0, slash));
            } catch (NumberFormatException e) {
                port = 0;
            }
            medias.add(new Media(m[0], port, m[2] != null ? m[2] : sessionConnection, m[3] != null ? m[3] : sessionMikey));
        }
        return new SdpTransportDetails(sessionControl, List.copyOf(medias));
    }

    /** {@code IN IP4 224.2.0.1/127} gives {@code 224.2.0.1}. */
    private static String connectionAddress(String value) {
        String[] fields = value.strip().split("[ \t]+");
        if (fields.length < 3) {
            return null;
        }
        String address = fields[2];
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
