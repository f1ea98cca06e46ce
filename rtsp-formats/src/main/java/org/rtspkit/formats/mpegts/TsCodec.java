package org.rtspkit.formats.mpegts;

/**
 * The elementary streams {@link TsDemuxer} reads and {@link TsMuxer} writes, with their
 * {@code stream_type} in the program map table (ISO/IEC 13818-1 Table 2-34). Opus has no stream type of
 * its own: it is private data (0x06) with an {@code Opus} registration descriptor.
 */
public enum TsCodec {
    /** H264 (AVC) as Annex-B access units, stream type 0x1B. */
    H264(0x1B, true),
    /** H265 (HEVC) as Annex-B access units, stream type 0x24. */
    H265(0x24, true),
    /** AAC in ADTS frames (ISO/IEC 13818-7), stream type 0x0F. */
    AAC(0x0F, false),
    /** Opus packets behind Opus control headers, stream type 0x06 with the {@code Opus} registration. */
    OPUS(0x06, false);

    private final int streamType;
    private final boolean video;

    TsCodec(int streamType, boolean video) {
        this.streamType = streamType;
        this.video = video;
    }

    /**
     * The {@code stream_type} written in the program map table.
     *
     * @return 0..255
     */
    public int streamType() {
        return streamType;
    }

    /**
     * Whether the codec is video (decoded in another order than shown: its units carry a DTS).
     *
     * @return true for H264 and H265
     */
    public boolean video() {
        return video;
    }
}
