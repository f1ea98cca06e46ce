package org.rtspkit.formats.mpeg4audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * One frame of an ADTS stream (ISO/IEC 13818-7, ".aac" files): the configuration its header gives and
 * the raw AAC frame after the header.
 *
 * @param config the configuration from the ADTS header
 * @param data   the raw frame (one raw_data_block), header and CRC left out; not copied
 */
public record AdtsFrame(AudioSpecificConfig config, byte[] data) {
    /**
     * Checks that both are given.
     *
     * @param config the configuration
     * @param data the raw frame; not copied
     */
    public AdtsFrame {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdtsFrame f && config.equals(f.config) && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return 31 * config.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "AdtsFrame[config=" + config + ", data=" + data.length + " bytes]";
    }
}
