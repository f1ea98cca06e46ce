package org.rtspkit.formats.mpeg4audio;

import java.util.ArrayList;
import java.util.List;
import org.rtspkit.formats.internal.BitReader;
import org.rtspkit.formats.internal.BitWriter;

/**
 * ADTS, the framing of AAC in ".aac" files and MPEG-TS (ISO/IEC 13818-7 §6.2): a 7-byte header (9 with
 * a CRC) before each raw frame, carrying the object type, sampling frequency and channels. Converts
 * between ADTS and the raw frames plus {@link AudioSpecificConfig} that RTP carries. Frames of several
 * raw data blocks are not supported.
 */
public final class Adts {
    /** Bytes of a header without CRC. */
    public static final int HEADER_SIZE = 7;
    private static final int SYNC = 0xFFF;
    private static final int MAX_FRAME_LENGTH = (1 << 13) - 1;

    private Adts() {
    }

    /**
     * The frames of an ADTS stream.
     *
     * @param stream ADTS bytes: frames back to back
     * @return the frames, raw data copied out
     * @throws IllegalArgumentException when a header is broken or a frame is truncated
     */
    public static List<AdtsFrame> split(byte[] stream) {
        List<AdtsFrame> frames = new ArrayList<>();
        int i = 0;
        while (i < stream.length) {
            if (stream.length - i < HEADER_SIZE) {
                throw new IllegalArgumentException("truncated ADTS header at byte " + i);
            }
            BitReader r = new BitReader(stream, i, HEADER_SIZE);
            if (r.readInt(12) != SYNC) {
                throw new IllegalArgumentException("no ADTS sync word at byte " + i);
            }
            r.skip(1 + 2); // ID (MPEG-4 or MPEG-2), layer
            boolean protectionAbsent = r.readFlag();
            int objectType = r.readInt(2) + 1;
            int rateIndex = r.readInt(4);
            r.skip(1);
            int channels = r.readInt(3);
            r.skip(4);
            int frameLength = r.readInt(13);
            r.skip(11);
            int blocks = r.readInt(2);
            int header = protectionAbsent ? HEADER_SIZE : HEADER_SIZE + 2;
            if (rateIndex >= AudioSpecificConfig.SAMPLE_RATES.length) {
                throw new IllegalArgumentException("reserved ADTS sampling frequency index " + rateIndex + " at byte " + i);
            }
            if (blocks != 0) {
                throw new IllegalArgumentException("ADTS frames of " + (blocks + 1) + " raw data blocks are not supported");
            }
            if (frameLength < header || frameLength > stream.length - i) {
                throw new IllegalArgumentException("ADTS frame of " + frameLength + " bytes at byte " + i
                        + " does not fit the stream");
            }
            AudioSpecificConfig config = new AudioSpecificConfig(objectType, AudioSpecificConfig.SAMPLE_RATES[rateIndex],
                    channels, false, 0, 0);
            byte[] data = new byte[frameLength - header];
            System.arraycopy(stream, i + header, data, 0, data.length);
            frames.add(new AdtsFrame(config, data));
            i += frameLength;
        }
        return frames;
    }

    /**
     * The header of a frame, without CRC.
     *
     * @param config the configuration; its sampling frequency must be one of the table's
     * @param dataLength bytes of the raw frame that follows
     * @return the 7-byte header
     * @throws IllegalArgumentException when ADTS cannot carry this configuration or frame size
     */
    public static byte[] header(AudioSpecificConfig config, int dataLength) {
        int rateIndex = AudioSpecificConfig.sampleRateIndex(config.sampleRate());
        if (rateIndex < 0) {
            throw new IllegalArgumentException("ADTS cannot carry a sampling frequency of " + config.sampleRate() + " Hz");
        }
        if (config.extensionObjectType() != 0 || config.frameLengthFlag()) {
            throw new IllegalArgumentException("ADTS carries neither explicit SBR/PS nor 960-sample frames");
        }
        int frameLength = HEADER_SIZE + dataLength;
        if (dataLength < 0 || frameLength > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("an ADTS frame holds at most " + (MAX_FRAME_LENGTH - HEADER_SIZE)
                    + " bytes of data, not " + dataLength);
        }
        BitWriter w = new BitWriter();
        w.writeBits(SYNC, 12);
        w.writeBits(0, 1); // ID: MPEG-4
        w.writeBits(0, 2); // layer
        w.writeFlag(true); // no CRC
        w.writeBits(config.objectType() - 1, 2);
        w.writeBits(rateIndex, 4);
        w.writeBits(0, 1); // private bit
        w.writeBits(config.channelConfiguration(), 3);
        w.writeBits(0, 4); // original/copy, home, copyright bits
        w.writeBits(frameLength, 13);
        w.writeBits(0x7FF, 11); // buffer fullness: variable bit rate
        w.writeBits(0, 2); // one raw data block
        return w.toByteArray();
    }

    /**
     * A raw frame with its ADTS header before it.
     *
     * @param config the configuration
     * @param data the raw frame
     * @return header and frame
     * @throws IllegalArgumentException when ADTS cannot carry this configuration or frame size
     */
    public static byte[] frame(AudioSpecificConfig config, byte[] data) {
        byte[] header = header(config, data.length);
        byte[] out = new byte[header.length + data.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(data, 0, out, header.length, data.length);
        return out;
    }
}
