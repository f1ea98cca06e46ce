package org.rtspkit.client.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.client.ClientConfig;
import org.rtspkit.client.RtspClient;
import org.rtspkit.client.TransportMode;

/** Publishes an H.264 file with the client: ANNOUNCE, SETUP, RECORD, then its pictures at 100 a second. */
final class Publisher {
    private Publisher() {
    }

    static SessionDescription video() {
        return new SessionDescription("rtspkit test", List.of(Media.of(MediaType.VIDEO, null,
                Format.fromSdp(96, "H264/90000", Map.of("packetization-mode", "1")))));
    }

    /** @return the number of pictures sent */
    static int publish(String url, TransportMode mode, Path h264) throws Exception {
        List<List<byte[]>> pictures = H264Rtp.accessUnits(Files.readAllBytes(h264));
        SessionDescription d = video();
        Media media = d.medias().get(0);
        try (RtspClient client = RtspClient.connect(url, ClientConfig.builder().transport(mode).build(),
                new org.rtspkit.client.ClientHandler() { })) {
            client.announce(d);
            client.setupAll();
            client.record();
            int seq = 0;
            for (int i = 0; i < pictures.size(); i++) {
                for (RtpPacket p : H264Rtp.packetize(pictures.get(i), 96, seq, i * 3600L, 1200)) {
                    client.writePacketRtp(media, p);
                    seq++;
                }
                Thread.sleep(10);
            }
            Thread.sleep(500);
        }
        return pictures.size();
    }
}
