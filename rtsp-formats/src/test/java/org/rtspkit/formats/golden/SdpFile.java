package org.rtspkit.formats.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rtspkit.api.Format;

/**
 * The one media of the SDP files the golden tests exchange with FFmpeg: read from the file FFmpeg's
 * RTP muxer writes, written for FFmpeg's SDP demuxer. Deliberately tiny (one media, the lines FFmpeg
 * uses) so the tests do not depend on rtspkit's SDP code.
 */
record SdpFile(String media, int port, int payloadType, String rtpMap, Map<String, String> fmtp) {
    static SdpFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String media = null;
        int port = 0;
        int pt = -1;
        String rtpMap = null;
        Map<String, String> fmtp = new LinkedHashMap<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("m=")) {
                String[] f = line.substring(2).split(" ");
                media = f[0];
                port = Integer.parseInt(f[1]);
                pt = Integer.parseInt(f[3]);
            } else if (line.startsWith("a=rtpmap:")) {
                rtpMap = line.substring(line.indexOf(' ') + 1).strip();
            } else if (line.startsWith("a=fmtp:")) {
                for (String param : line.substring(line.indexOf(' ') + 1).split(";")) {
                    int eq = param.indexOf('=');
                    if (eq > 0) {
                        fmtp.put(param.substring(0, eq).strip().toLowerCase(Locale.ROOT), param.substring(eq + 1).strip());
                    }
                }
            }
        }
        return new SdpFile(media, port, pt, rtpMap, fmtp);
    }

    /** An SDP for FFmpeg to read one format from 127.0.0.1:{@code port}. */
    static String describe(String media, int port, Format format) {
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=- 0 0 IN IP4 127.0.0.1\r\n")
                .append("s=rtspkit golden test\r\n")
                .append("c=IN IP4 127.0.0.1\r\n")
                .append("t=0 0\r\n")
                .append("m=").append(media).append(' ').append(port).append(" RTP/AVP ").append(format.payloadType())
                .append("\r\n");
        if (format.rtpMap() != null) {
            sdp.append("a=rtpmap:").append(format.payloadType()).append(' ').append(format.rtpMap()).append("\r\n");
        }
        if (!format.fmtp().isEmpty()) {
            StringBuilder params = new StringBuilder();
            format.fmtp().forEach((k, v) -> params.append(params.length() > 0 ? "; " : "").append(k).append('=').append(v));
            sdp.append("a=fmtp:").append(format.payloadType()).append(' ').append(params).append("\r\n");
        }
        return sdp.toString();
    }

    int intParameter(String name) {
        return Integer.parseInt(fmtp.get(name));
    }

    /** The clock rate of the rtpmap ({@code NAME/RATE[/CHANNELS]}). */
    int clockRate() {
        return Integer.parseInt(rtpMap.split("/")[1]);
    }

    int channels() {
        String[] parts = rtpMap.split("/");
        return parts.length > 2 ? Integer.parseInt(parts[2]) : 1;
    }
}
