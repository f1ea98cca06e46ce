package org.rtspkit.formats.internal;

import java.util.Arrays;

/**
 * The latest VPS (H265 only), SPS and PPS a packetizer has seen, from its format and then in band, and
 * their insertion before a random-access picture that comes without them, so that a reader who joins
 * there can decode. Allocates only when a parameter set changes.
 */
public final class ParameterSets {
    private final NalSyntax syntax;
    private final byte[][] sets = new byte[3][];
    private final boolean[] present = new boolean[3];
    private int version;

    public ParameterSets(NalSyntax syntax, byte[] vps, byte[] sps, byte[] pps) {
        this.syntax = syntax;
        sets[0] = vps;
        sets[1] = sps;
        sets[2] = pps;
    }

    /** The VPS (0), SPS (1) or PPS (2), or null; not a copy. */
    public byte[] get(int index) {
        return sets[index];
    }

    /** Counts the changes. */
    public int version() {
        return version;
    }

    /** Keeps the parameter sets the units carry. */
    public void update(NalUnitList nals) {
        for (int i = 0; i < nals.count(); i++) {
            byte[] b = nals.array(i);
            int offset = nals.offset(i);
            int k = syntax.parameterSetIndex(syntax.type(b, offset));
            if (k >= 0) {
                byte[] old = sets[k];
                int end = offset + nals.length(i);
                if (old == null || !Arrays.equals(old, 0, old.length, b, offset, end)) {
                    sets[k] = Arrays.copyOfRange(b, offset, end);
                    version++;
                }
            }
        }
    }

    /** Inserts, before the first slice of a random-access unit, the known parameter sets it lacks. */
    public void insertMissing(NalUnitList nals) {
        Arrays.fill(present, false);
        boolean randomAccess = false;
        int firstVcl = -1;
        for (int i = 0; i < nals.count(); i++) {
            int type = syntax.type(nals.array(i), nals.offset(i));
            int k = syntax.parameterSetIndex(type);
            if (k >= 0) {
                present[k] = true;
            }
            if (syntax.isRandomAccess(type)) {
                randomAccess = true;
            }
            if (firstVcl < 0 && syntax.isVcl(type)) {
                firstVcl = i;
            }
        }
        if (!randomAccess) {
            return;
        }
        int at = firstVcl;
        for (int k = 0; k < 3; k++) {
            if (!present[k] && sets[k] != null) {
                nals.insert(at++, sets[k], 0, sets[k].length);
            }
        }
    }
}
