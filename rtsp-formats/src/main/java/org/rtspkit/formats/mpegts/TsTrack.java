package org.rtspkit.formats.mpegts;

/**
 * One elementary stream of a transport stream's program.
 *
 * @param pid      the packet identifier its TS packets carry, 0x10..0x1FFE
 * @param codec    what it carries
 * @param channels the audio channel count when the stream says it (Opus's extension descriptor, an ADTS
 *                 header); 0 when unknown or for video
 */
public record TsTrack(int pid, TsCodec codec, int channels) {
    /**
     * Checks the PID range.
     *
     * @param pid the packet identifier
     * @param codec what it carries
     * @param channels audio channels, 0 when unknown
     */
    public TsTrack {
        if (pid < 0x10 || pid > 0x1FFE) {
            throw new IllegalArgumentException("an elementary stream's PID must be 0x10..0x1FFE: " + pid);
        }
        if (codec == null) {
            throw new IllegalArgumentException("codec is required");
        }
        if (channels < 0 || channels > 255) {
            throw new IllegalArgumentException("channels must be 0..255: " + channels);
        }
    }
}
