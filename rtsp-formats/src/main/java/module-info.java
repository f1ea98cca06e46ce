/**
 * RTP payload formats: for each format a packetizer (access units and presentation times in, RTP
 * packets out) and a depacketizer (RTP packets in, whole access units out), with the bitstream helpers
 * they need. The shared types are in {@code org.rtspkit.formats}; each format family has its package.
 * Nothing here opens a socket or starts a thread.
 *
 * <p>Limits are settings with defaults: {@link org.rtspkit.formats.PacketizerSettings} (largest payload,
 * {@value org.rtspkit.formats.PacketizerSettings#DEFAULT_MAX_PAYLOAD_SIZE} bytes by default) and
 * {@link org.rtspkit.formats.DepacketizerSettings} (largest access unit assembled,
 * {@value org.rtspkit.formats.DepacketizerSettings#DEFAULT_MAX_ACCESS_UNIT_SIZE} bytes by default).
 */
module org.rtspkit.formats {
    // Transitive: Format, RtpPacket and the format records appear in this module's own signatures.
    requires transitive org.rtspkit.api;

    exports org.rtspkit.formats;
    exports org.rtspkit.formats.nal;
    exports org.rtspkit.formats.h264;
    exports org.rtspkit.formats.h265;
    exports org.rtspkit.formats.mpeg4audio;
    exports org.rtspkit.formats.opus;
    exports org.rtspkit.formats.g711;
    exports org.rtspkit.formats.lpcm;
    exports org.rtspkit.formats.mjpeg;
    exports org.rtspkit.formats.vp8;
    exports org.rtspkit.formats.vp9;
    exports org.rtspkit.formats.av1;
    exports org.rtspkit.formats.mpegts;
    exports org.rtspkit.formats.klv;
    exports org.rtspkit.formats.g722;
}
