package org.rtspkit.formats.mpeg4audio;

import java.util.Map;
import org.rtspkit.api.Mpeg4AudioFormat;

/** The fmtp numbers of an MPEG4-GENERIC format beyond those its record holds. */
final class Mpeg4AudioFields {
    private Mpeg4AudioFields() {
    }

    /** An integer parameter (names in lower case), 0 when absent or not a number. */
    static int parameter(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The frame duration in clock ticks from the format's configuration; 1024 samples when it has none. */
    static long frameDuration(Mpeg4AudioFormat format) {
        byte[] config = format.config();
        if (config != null) {
            try {
                return AudioSpecificConfig.parse(config).frameDuration(format.clockRate());
            } catch (IllegalArgumentException unsupported) {
                // Fall back to the AAC frame length.
            }
        }
        return 1024;
    }
}
