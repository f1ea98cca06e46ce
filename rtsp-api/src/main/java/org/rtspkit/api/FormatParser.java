package org.rtspkit.api;

import java.util.Map;

/** STUB: to be written by the format work. */
final class FormatParser {
    private FormatParser() {
    }

    static Format parse(int payloadType, String rtpMap, Map<String, String> fmtp) {
        throw new UnsupportedOperationException("TODO");
    }
}
