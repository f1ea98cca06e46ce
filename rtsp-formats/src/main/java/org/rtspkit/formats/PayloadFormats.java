package org.rtspkit.formats;

import java.util.Locale;
import java.util.Optional;
import org.rtspkit.api.Format;
import org.rtspkit.api.G711Format;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.H265Format;
import org.rtspkit.api.Mpeg4AudioFormat;
import org.rtspkit.api.OpusFormat;
import org.rtspkit.formats.av1.Av1Depacketizer;
import org.rtspkit.formats.av1.Av1Packetizer;
import org.rtspkit.formats.g711.G711Depacketizer;
import org.rtspkit.formats.g711.G711Packetizer;
import org.rtspkit.formats.g722.G722Depacketizer;
import org.rtspkit.formats.g722.G722Packetizer;
import org.rtspkit.formats.h264.H264Depacketizer;
import org.rtspkit.formats.h264.H264Packetizer;
import org.rtspkit.formats.h265.H265Depacketizer;
import org.rtspkit.formats.h265.H265Packetizer;
import org.rtspkit.formats.klv.KlvDepacketizer;
import org.rtspkit.formats.klv.KlvPacketizer;
import org.rtspkit.formats.lpcm.LpcmDepacketizer;
import org.rtspkit.formats.lpcm.LpcmPacketizer;
import org.rtspkit.formats.mjpeg.MjpegDepacketizer;
import org.rtspkit.formats.mjpeg.MjpegPacketizer;
import org.rtspkit.formats.mpeg4audio.LatmDepacketizer;
import org.rtspkit.formats.mpeg4audio.LatmPacketizer;
import org.rtspkit.formats.mpeg4audio.Mpeg4AudioDepacketizer;
import org.rtspkit.formats.mpeg4audio.Mpeg4AudioPacketizer;
import org.rtspkit.formats.mpegts.MpegTsDepacketizer;
import org.rtspkit.formats.mpegts.MpegTsPacketizer;
import org.rtspkit.formats.opus.OpusDepacketizer;
import org.rtspkit.formats.opus.OpusPacketizer;
import org.rtspkit.formats.vp8.Vp8Depacketizer;
import org.rtspkit.formats.vp8.Vp8Packetizer;
import org.rtspkit.formats.vp9.Vp9Depacketizer;
import org.rtspkit.formats.vp9.Vp9Packetizer;

/**
 * This module's packetizer or depacketizer for a format of a session description: by its record for
 * the typed formats (H264, H265, MPEG4-GENERIC, Opus, G.711), by the encoding name of the rtpmap for a
 * {@link GenericFormat} ({@code JPEG}, {@code L8}, {@code L16}, {@code L24}, {@code MP4A-LATM},
 * {@code VP8}, {@code VP9}, {@code AV1}, {@code MP2T}, {@code SMPTE336M}, {@code G722}, {@code PCMU},
 * {@code PCMA}), or by the static payload type when there is no rtpmap (26 JPEG, 33 MP2T, 9 G.722, 10
 * and 11 L16, 0 and 8 G.711).
 */
public final class PayloadFormats {
    private PayloadFormats() {
    }

    /**
     * The packetizer of a format.
     *
     * @param format the format
     * @param settings the largest payload and the first header values
     * @return the packetizer, or empty when this module has none for the format's encoding
     * @throws IllegalArgumentException when it has one, but not for this format's parameters (for
     *         example H264 packetization-mode 2), or the settings do not suit the format
     */
    public static Optional<Packetizer> packetizer(Format format, PacketizerSettings settings) {
        if (format instanceof H264Format f) {
            return Optional.of(new H264Packetizer(f, settings));
        }
        if (format instanceof H265Format f) {
            return Optional.of(new H265Packetizer(f, settings));
        }
        if (format instanceof Mpeg4AudioFormat f) {
            return Optional.of(new Mpeg4AudioPacketizer(f, settings));
        }
        if (format instanceof OpusFormat f) {
            return Optional.of(new OpusPacketizer(f, settings));
        }
        if (format instanceof G711Format f) {
            return Optional.of(new G711Packetizer(f, settings));
        }
        GenericFormat g = (GenericFormat) format;
        return Optional.ofNullable(switch (encoding(g)) {
            case "JPEG" -> new MjpegPacketizer(g, settings);
            case "L8", "L16", "L24" -> new LpcmPacketizer(g, settings);
            case "MP4A-LATM" -> new LatmPacketizer(g, settings);
            case "VP8" -> new Vp8Packetizer(g, settings);
            case "VP9" -> new Vp9Packetizer(g, settings);
            case "AV1" -> new Av1Packetizer(g, settings);
            case "MP2T" -> new MpegTsPacketizer(g, settings);
            case "SMPTE336M" -> new KlvPacketizer(g, settings);
            case "G722" -> new G722Packetizer(g, settings);
            case "PCMU", "PCMA" -> new G711Packetizer(g711(g), settings);
            default -> null;
        });
    }

    /**
     * The depacketizer of a format.
     *
     * @param format the format
     * @param settings the largest access unit, and whether video waits for random access
     * @return the depacketizer, or empty when this module has none for the format's encoding
     * @throws IllegalArgumentException when it has one, but not for this format's parameters (for
     *         example MP4A-LATM with its configuration in band)
     */
    public static Optional<Depacketizer> depacketizer(Format format, DepacketizerSettings settings) {
        if (format instanceof H264Format f) {
            return Optional.of(new H264Depacketizer(f, settings));
        }
        if (format instanceof H265Format f) {
            return Optional.of(new H265Depacketizer(f, settings));
        }
        if (format instanceof Mpeg4AudioFormat f) {
            return Optional.of(new Mpeg4AudioDepacketizer(f, settings));
        }
        if (format instanceof OpusFormat f) {
            return Optional.of(new OpusDepacketizer(f, settings));
        }
        if (format instanceof G711Format f) {
            return Optional.of(new G711Depacketizer(f, settings));
        }
        GenericFormat g = (GenericFormat) format;
        return Optional.ofNullable(switch (encoding(g)) {
            case "JPEG" -> new MjpegDepacketizer(g, settings);
            case "L8", "L16", "L24" -> new LpcmDepacketizer(g, settings);
            case "MP4A-LATM" -> new LatmDepacketizer(g, settings);
            case "VP8" -> new Vp8Depacketizer(g, settings);
            case "VP9" -> new Vp9Depacketizer(g, settings);
            case "AV1" -> new Av1Depacketizer(g, settings);
            case "MP2T" -> new MpegTsDepacketizer(g, settings);
            case "SMPTE336M" -> new KlvDepacketizer(g, settings);
            case "G722" -> new G722Depacketizer(g, settings);
            case "PCMU", "PCMA" -> new G711Depacketizer(g711(g), settings);
            default -> null;
        });
    }

    /** The encoding name in upper case, from the rtpmap or the static payload type. */
    private static String encoding(GenericFormat format) {
        String rtpMap = format.rtpMap();
        if (rtpMap != null) {
            int slash = rtpMap.indexOf('/');
            return (slash < 0 ? rtpMap : rtpMap.substring(0, slash)).strip().toUpperCase(Locale.ROOT);
        }
        return switch (format.payloadType()) {
            case 0 -> "PCMU";
            case 8 -> "PCMA";
            case 9 -> "G722";
            case 10, 11 -> "L16";
            case 26 -> "JPEG";
            case 33 -> "MP2T";
            default -> "";
        };
    }

    private static G711Format g711(GenericFormat format) {
        String rtpMap = format.rtpMap();
        boolean muLaw = encoding(format).equals("PCMU");
        int rate = format.clockRate() > 0 ? format.clockRate() : 8000;
        int channels = 1;
        if (rtpMap != null) {
            String[] parts = rtpMap.split("/");
            if (parts.length > 2) {
                try {
                    channels = Integer.parseInt(parts[2].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("G.711 rtpmap with a bad channel count: " + rtpMap, e);
                }
            }
        }
        return new G711Format(format.payloadType(), muLaw, rate, channels);
    }
}
