package org.rtspkit.srtp;

import java.util.HexFormat;

/** Hex for test vectors, which the RFCs print with spaces and line breaks. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String of(byte[] b, int offset, int length) {
        return HexFormat.of().formatHex(b, offset, offset + length);
    }

    static String of(byte[] b) {
        return of(b, 0, b.length);
    }
}
