package org.rtspkit.protocol.rtsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rtspkit.api.MalformedDataException;

/** The {@code RTP-Info} header of a PLAY response: one entry per set-up media, joined by commas. */
public final class RtpInfo {

    /**
     * One media's entry.
     *
     * @param url     the media's URL
     * @param seq     the sequence number of the next packet, or null when nothing was sent yet
     * @param rtpTime the RTP timestamp matching the start of play (unsigned 32 bits), or null
     */
    public record Entry(String url, Integer seq, Long rtpTime) {
    }

    private RtpInfo() {
    }

    /** {@code url=...;seq=...;rtptime=...}, entries joined by {@code ,}; absent fields are left out. */
    public static String format(List<Entry> entries) {
        StringBuilder sb = new StringBuilder(entries.size() * 64);
        for (Entry e : entries) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append("url=").append(e.url());
            if (e.seq() != null) {
                sb.append(";seq=").append(e.seq() & 0xFFFF);
            }
            if (e.rtpTime() != null) {
                sb.append(";rtptime=").append(e.rtpTime() & 0xFFFFFFFFL);
            }
        }
        return sb.toString();
    }

    /**
     * Parses a header value.
     *
     * @throws MalformedDataException when an entry has no url, or seq/rtptime are not 16/32-bit numbers
     */
    public static List<Entry> parse(String value) {
        List<Entry> entries = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String url = null;
            Integer seq = null;
            Long rtpTime = null;
            for (String field : part.split(";")) {
                String f = field.strip();
                int eq = f.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = f.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String v = f.substring(eq + 1).strip();
                switch (key) {
                    case "url" -> url = v;
                    case "seq" -> seq = (int) number(value, key, v, 0xFFFF);
                    case "rtptime" -> rtpTime = number(value, key, v, 0xFFFFFFFFL);
                    default -> {
                        // other fields (ssrc in some servers) are not needed
                    }
                }
            }
            if (url == null || url.isEmpty()) {
                throw new MalformedDataException("invalid RTP-Info '" + value + "': entry without url");
            }
            entries.add(new Entry(url, seq, rtpTime));
        }
        return List.copyOf(entries);
    }

    private static long number(String value, String key, String text, long max) {
        try {
            long n = Long.parseLong(text);
            if (n < 0 || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MalformedDataException("invalid RTP-Info '" + value + "': invalid " + key + " '" + text + "'");
        }
    }
}
