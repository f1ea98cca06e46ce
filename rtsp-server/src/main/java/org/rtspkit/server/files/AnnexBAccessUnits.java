package org.rtspkit.server.files;

import java.util.ArrayList;
import java.util.List;
import org.rtspkit.formats.nal.AnnexB;

/**
 * Cuts a raw H264 or H265 stream (Annex B, no times) into access units: a new unit starts at an access
 * unit delimiter, at a parameter set or SEI after a picture's slices, and at the first slice of a
 * picture after another picture's slices (ITU-T H.264 §7.4.1.2.3, H.265 §7.4.2.4.4).
 */
final class AnnexBAccessUnits {
    private AnnexBAccessUnits() {
    }

    /** The units, each written with four-byte start codes. */
    static List<byte[]> split(byte[] stream, boolean h265) {
        List<byte[]> units = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        boolean pictureSeen = false;
        for (byte[] nal : AnnexB.split(stream)) {
            if (nal.length == 0) {
                continue;
            }
            boolean vcl;
            boolean startsUnit;
            if (h265) {
                int type = (nal[0] >> 1) & 0x3F;
                vcl = type < 32;
                startsUnit = vcl ? nal.length > 2 && (nal[2] & 0x80) != 0 : type == 35 || (type >= 32 && type <= 34)
                        || type == 39 || (type >= 41 && type <= 44) || (type >= 48 && type <= 55);
            } else {
                int type = nal[0] & 0x1F;
                vcl = type >= 1 && type <= 5;
                // first_mb_in_slice = 0, the first bit of the slice header, is a lone 1 bit in ue(v).
                startsUnit = vcl ? nal.length > 1 && (nal[1] & 0x80) != 0 : type == 9 || type == 6 || type == 7
                        || type == 8 || (type >= 14 && type <= 18);
            }
            if (startsUnit && pictureSeen) {
                units.add(AnnexB.join(current));
                current = new ArrayList<>();
                pictureSeen = false;
            }
            current.add(nal);
            pictureSeen |= vcl;
        }
        if (pictureSeen) {
            units.add(AnnexB.join(current));
        }
        return units;
    }
}
