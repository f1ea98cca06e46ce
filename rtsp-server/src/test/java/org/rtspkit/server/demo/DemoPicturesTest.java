package org.rtspkit.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.mjpeg.JpegImage;
import org.rtspkit.formats.mjpeg.MjpegDepacketizer;
import org.rtspkit.formats.mjpeg.MjpegPacketizer;

/**
 * The demo's pictures are what the formats module's RTP/JPEG packetizer carries: ImageIO's JPEG is
 * accepted as it is, its packets fit the server's largest packet, and what a depacketizer rebuilds
 * from them is a JPEG of the same size that ImageIO decodes.
 */
class DemoPicturesTest {
    private static byte[] picture(int width, int height, LocalTime time) {
        try (JpegEncoder encoder = new JpegEncoder(0.75f)) {
            return encoder.encode(new TestPattern(width, height).draw(time));
        }
    }

    @Test
    void imageIoWritesWhatRtpCanCarry() {
        JpegImage image = JpegImage.parse(picture(640, 360, LocalTime.of(12, 34, 56)));
        assertEquals(1, image.type(), "ImageIO's YCbCr sampling should be 4:2:0 (RTP/JPEG type 1)");
        assertEquals(640, image.width());
        assertEquals(360, image.height());
        assertEquals(128, image.qTables().length);
        assertTrue(image.scan().length > 1000, "scan of " + image.scan().length + " bytes");
    }

    @Test
    void aPictureGoesOutInPacketsThatFitAndComesBackDecodable() throws Exception {
        byte[] jpeg = picture(640, 360, LocalTime.of(12, 34, 56));
        int max = ServerConfig.MAX_UDP_PAYLOAD;
        MjpegPacketizer packetizer = new MjpegPacketizer(MjpegPacketizer.defaultFormat(),
                PacketizerSettings.defaults().withMaxPayloadSize(max - RtpPacket.HEADER_SIZE));
        List<RtpPacket> packets = packetizer.packetize(jpeg, 0);
        assertTrue(packets.size() > 1, "a 640x360 picture takes several packets");
        assertTrue(packets.stream().allMatch(p -> p.marshalSize() <= max), "every packet within " + max + " bytes");
        assertTrue(packets.get(packets.size() - 1).marker(), "the last packet of the picture has the marker");

        MjpegDepacketizer depacketizer = new MjpegDepacketizer(MjpegPacketizer.defaultFormat());
        List<AccessUnit> units = new ArrayList<>();
        packets.forEach(p -> depacketizer.push(p, units::add));
        assertEquals(1, units.size(), "one picture back");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(units.get(0).data()));
        assertNotNull(decoded, "ImageIO decodes the rebuilt picture");
        assertEquals(640, decoded.getWidth());
        assertEquals(360, decoded.getHeight());
        assertEquals(JpegImage.parse(jpeg).scan().length, JpegImage.parse(units.get(0).data()).scan().length);
        assertTrue(Arrays.equals(JpegImage.parse(jpeg).scan(), JpegImage.parse(units.get(0).data()).scan()),
                "the rebuilt picture has the encoder's scan, byte for byte");
    }

    @Test
    void thePatternMoves() {
        byte[] a = picture(640, 360, LocalTime.of(12, 0, 0, 0));
        byte[] b = picture(640, 360, LocalTime.of(12, 0, 0, 66_000_000));
        assertFalse(Arrays.equals(JpegImage.parse(a).scan(), JpegImage.parse(b).scan()),
                "two pictures 66 ms apart should differ");
    }
}
