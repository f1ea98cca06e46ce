package org.rtspkit.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.rtspkit.api.RtpPacket;

/** Shared test helpers: sinks that keep what they get, and deterministic bytes. */
public final class Units {
    private Units() {
    }

    /** A sink that keeps a copy of each packet. */
    public static final class Packets implements RtpPacketSink {
        public final List<RtpPacket> list = new ArrayList<>();

        public Packets() {
        }

        @Override
        public void packet(byte[] buffer, int offset, int length) {
            list.add(RtpPacket.unmarshal(buffer, offset, length));
        }
    }

    /** A sink that keeps each unit. */
    public static final class Collected implements Consumer<AccessUnit> {
        public final List<AccessUnit> list = new ArrayList<>();

        public Collected() {
        }

        @Override
        public void accept(AccessUnit unit) {
            list.add(unit);
        }
    }

    /** {@code n} bytes of a fixed pseudo-random sequence. */
    public static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Pushes every packet through the depacketizer. */
    public static List<AccessUnit> depacketize(Depacketizer d, List<RtpPacket> packets) {
        Collected out = new Collected();
        for (RtpPacket p : packets) {
            byte[] raw = p.marshal();
            d.push(raw, 0, raw.length, out);
        }
        return out.list;
    }
}
