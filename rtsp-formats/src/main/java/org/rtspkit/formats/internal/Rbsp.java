package org.rtspkit.formats.internal;

import java.util.Arrays;

/** Raw byte sequence payloads of H.264 and H.265 NAL units. */
public final class Rbsp {
    private Rbsp() {
    }

    /**
     * The payload of a NAL unit after its header, with the emulation prevention bytes removed (every
     * {@code 03} that follows {@code 00 00}).
     */
    public static byte[] unescape(byte[] nal, int headerSize) {
        if (nal.length < headerSize) {
            throw new IllegalArgumentException("NAL unit of " + nal.length + " bytes shorter than its header");
        }
        byte[] out = new byte[nal.length - headerSize];
        int n = 0;
        int zeros = 0;
        for (int i = headerSize; i < nal.length; i++) {
            byte b = nal[i];
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out[n++] = b;
        }
        return Arrays.copyOf(out, n);
    }
}
