package org.rtspkit.formats.mpeg4audio;

import org.rtspkit.formats.internal.BitReader;
import org.rtspkit.formats.internal.BitWriter;

/**
 * The MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1) of an AAC stream: what a decoder needs
 * before the first frame, carried as {@code config} in SDP and in the ADTS header of every frame.
 *
 * <p>Covers the AAC object types an RTSP stream carries: AAC Main (1), LC (2), SSR (3) and LTP (4),
 * alone or with SBR (5, HE-AAC) or PS (29, HE-AAC v2) signalled explicitly (hierarchically). A trailing
 * backward-compatible SBR extension is ignored when reading and not written.
 *
 * @param objectType            the audio object type of the core coder: 1..4
 * @param sampleRate            the core coder's sampling frequency, Hz
 * @param channelConfiguration  1..7 (7 is 7.1, eight channels); 0, a program config element, is not supported
 * @param frameLengthFlag       true for 960-sample frames, false for 1024
 * @param extensionObjectType   5 (SBR) or 29 (PS) when signalled explicitly, else 0
 * @param extensionSampleRate   the output sampling frequency of SBR, Hz, with {@code extensionObjectType}; else 0
 */
public record AudioSpecificConfig(int objectType, int sampleRate, int channelConfiguration, boolean frameLengthFlag,
                                  int extensionObjectType, int extensionSampleRate) {
    /** AAC Low Complexity, the usual object type. */
    public static final int AAC_LC = 2;

    static final int[] SAMPLE_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025,
        8000, 7350};

    /**
     * Checks the fields.
     *
     * @param objectType the core object type, 1..4
     * @param sampleRate the core sampling frequency in Hz, positive, below 2^24
     * @param channelConfiguration 1..7
     * @param frameLengthFlag true for 960-sample frames
     * @param extensionObjectType 0, 5 or 29
     * @param extensionSampleRate the SBR output rate in Hz with an extension, else 0
     */
    public AudioSpecificConfig {
        if (objectType < 1 || objectType > 4) {
            throw new IllegalArgumentException("audio object type " + objectType + " is not supported (1..4: AAC Main, LC, "
                    + "SSR, LTP)");
        }
        if (sampleRate <= 0 || sampleRate >= 1 << 24) {
            throw new IllegalArgumentException("sampling frequency out of range: " + sampleRate);
        }
        if (channelConfiguration < 1 || channelConfiguration > 7) {
            throw new IllegalArgumentException("channel configuration " + channelConfiguration
                    + " is not supported (1..7; 0 needs a program config element)");
        }
        if (extensionObjectType != 0 && extensionObjectType != 5 && extensionObjectType != 29) {
            throw new IllegalArgumentException("extension object type must be 0, 5 (SBR) or 29 (PS): " + extensionObjectType);
        }
        if ((extensionObjectType == 0) != (extensionSampleRate == 0) || extensionSampleRate < 0
                || extensionSampleRate >= 1 << 24) {
            throw new IllegalArgumentException("an extension sampling frequency goes with an extension object type, "
                    + "and only then: " + extensionObjectType + ", " + extensionSampleRate);
        }
    }

    /**
     * AAC LC with 1024-sample frames.
     *
     * @param sampleRate sampling frequency, Hz
     * @param channelConfiguration 1..7 (1 mono, 2 stereo)
     * @return the configuration
     */
    public static AudioSpecificConfig aacLc(int sampleRate, int channelConfiguration) {
        return new AudioSpecificConfig(AAC_LC, sampleRate, channelConfiguration, false, 0, 0);
    }

    /**
     * Reads a configuration, as found in SDP ({@code config=} in hex, decoded).
     *
     * @param bytes the AudioSpecificConfig
     * @return the configuration
     * @throws IllegalArgumentException when it is truncated or uses what is not supported
     */
    public static AudioSpecificConfig parse(byte[] bytes) {
        return read(new BitReader(bytes));
    }

    /** Reads a configuration at the reader's position, which ends just after it. */
    static AudioSpecificConfig read(BitReader r) {
        int objectType = readObjectType(r);
        int sampleRate = readSampleRate(r);
        int channels = r.readInt(4);
        int extensionType = 0;
        int extensionRate = 0;
        if (objectType == 5 || objectType == 29) {
            extensionType = objectType;
            extensionRate = readSampleRate(r);
            objectType = readObjectType(r);
        }
        if (objectType < 1 || objectType > 4) {
            throw new IllegalArgumentException("audio object type " + objectType + " is not supported (1..4: AAC Main, LC, "
                    + "SSR, LTP)");
        }
        // GASpecificConfig
        boolean frameLengthFlag = r.readFlag();
        if (r.readFlag()) {
            throw new IllegalArgumentException("AAC that depends on a core coder is not supported");
        }
        if (r.readFlag()) {
            throw new IllegalArgumentException("the GASpecificConfig extension flag is not supported for object type "
                    + objectType);
        }
        return new AudioSpecificConfig(objectType, sampleRate, channels, frameLengthFlag, extensionType, extensionRate);
    }

    private static int readObjectType(BitReader r) {
        int type = r.readInt(5);
        return type == 31 ? 32 + r.readInt(6) : type;
    }

    private static int readSampleRate(BitReader r) {
        int index = r.readInt(4);
        if (index == 15) {
            return r.readInt(24);
        }
        if (index >= SAMPLE_RATES.length) {
            throw new IllegalArgumentException("reserved sampling frequency index " + index);
        }
        return SAMPLE_RATES[index];
    }

    /**
     * The configuration as bytes, for SDP.
     *
     * @return the AudioSpecificConfig
     */
    public byte[] toBytes() {
        BitWriter w = new BitWriter();
        write(w);
        return w.toByteArray();
    }

    void write(BitWriter w) {
        if (extensionObjectType != 0) {
            w.writeBits(extensionObjectType, 5);
            writeSampleRate(w, sampleRate);
            w.writeBits(channelConfiguration, 4);
            writeSampleRate(w, extensionSampleRate);
            w.writeBits(objectType, 5);
        } else {
            w.writeBits(objectType, 5);
            writeSampleRate(w, sampleRate);
            w.writeBits(channelConfiguration, 4);
        }
        w.writeFlag(frameLengthFlag);
        w.writeFlag(false);
        w.writeFlag(false);
    }

    private static void writeSampleRate(BitWriter w, int rate) {
        int index = sampleRateIndex(rate);
        if (index >= 0) {
            w.writeBits(index, 4);
        } else {
            w.writeBits(15, 4);
            w.writeBits(rate, 24);
        }
    }

    /** The index of a sampling frequency in the table of 14496-3, or -1. */
    static int sampleRateIndex(int rate) {
        for (int i = 0; i < SAMPLE_RATES.length; i++) {
            if (SAMPLE_RATES[i] == rate) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Samples per channel in one frame at {@link #sampleRate()}: 960 or 1024.
     *
     * @return samples per frame of the core coder
     */
    public int samplesPerFrame() {
        return frameLengthFlag ? 960 : 1024;
    }

    /**
     * Channels: the configuration number, except 7 which is eight channels.
     *
     * @return the number of channels
     */
    public int channelCount() {
        return channelConfiguration == 7 ? 8 : channelConfiguration;
    }

    /**
     * The sampling frequency of the decoded audio: that of SBR when signalled, else the core's.
     *
     * @return Hz
     */
    public int outputSampleRate() {
        return extensionSampleRate != 0 ? extensionSampleRate : sampleRate;
    }

    /**
     * How long one frame lasts in ticks of a clock of {@code clockRate} Hz (1024 at a clock equal to the
     * core sampling frequency).
     *
     * @param clockRate the RTP clock rate
     * @return ticks per frame, rounded to the nearest
     */
    public long frameDuration(int clockRate) {
        return ((long) samplesPerFrame() * clockRate + sampleRate / 2) / sampleRate;
    }
}
