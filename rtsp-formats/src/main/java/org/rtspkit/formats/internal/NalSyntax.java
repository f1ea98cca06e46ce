package org.rtspkit.formats.internal;

/**
 * What H264 (RFC 6184) and H265 (RFC 7798) packetization differ in: the NAL unit header, and the
 * packet types that aggregate and fragment NAL units. Everything else is shared by
 * {@link NalPacketizer} and {@link NalDepacketizer}.
 */
public enum NalSyntax {
    /** One-byte header F|NRI|Type; STAP-A (24) and FU-A (28). */
    H264(1, 24, 28) {
        @Override
        public int type(byte[] b, int offset) {
            return b[offset] & 0x1F;
        }

        @Override
        public boolean isNalType(int type) {
            return type >= 1 && type <= 23;
        }

        @Override
        public boolean isRandomAccess(int type) {
            return type == 5;
        }

        @Override
        public boolean isAccessUnitDelimiter(int type) {
            return type == 9;
        }

        @Override
        public boolean isVcl(int type) {
            return type >= 1 && type <= 5;
        }

        @Override
        public int parameterSetIndex(int type) {
            return type == 7 ? 1 : type == 8 ? 2 : -1;
        }

        @Override
        void writeAggregationHeader(byte[] dst, int at, NalUnitList nals, int from, int to) {
            int forbidden = 0;
            int nri = 0;
            for (int i = from; i < to; i++) {
                int h = nals.array(i)[nals.offset(i)];
                forbidden |= h & 0x80;
                nri = Math.max(nri, h & 0x60);
            }
            dst[at] = (byte) (forbidden | nri | 24);
        }

        @Override
        void writeFragmentHeader(byte[] dst, int at, byte[] nal, int offset, boolean start, boolean end) {
            dst[at] = (byte) ((nal[offset] & 0xE0) | 28);
            dst[at + 1] = (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | (nal[offset] & 0x1F));
        }

        @Override
        int fragmentedType(byte[] b, int offset) {
            return b[offset + 1] & 0x1F;
        }

        @Override
        void appendFragmentedHeader(UnitBuffer unit, byte[] b, int offset) {
            unit.append((b[offset] & 0xE0) | (b[offset + 1] & 0x1F));
        }
    },

    /** Two-byte header F|Type(6)|LayerId(6)|TID(3); AP (48) and FU (49); PACI (50) is not supported. */
    H265(2, 48, 49) {
        @Override
        public int type(byte[] b, int offset) {
            return (b[offset] >>> 1) & 0x3F;
        }

        @Override
        public boolean isNalType(int type) {
            return type <= 47;
        }

        @Override
        public boolean isRandomAccess(int type) {
            // IRAP pictures: BLA_W_LP .. CRA_NUT and the reserved IRAP types 22, 23.
            return type >= 16 && type <= 23;
        }

        @Override
        public boolean isAccessUnitDelimiter(int type) {
            return type == 35;
        }

        @Override
        public boolean isVcl(int type) {
            return type <= 31;
        }

        @Override
        public int parameterSetIndex(int type) {
            return type == 32 ? 0 : type == 33 ? 1 : type == 34 ? 2 : -1;
        }

        @Override
        void writeAggregationHeader(byte[] dst, int at, NalUnitList nals, int from, int to) {
            int forbidden = 0;
            int layerId = 63;
            int tid = 7;
            for (int i = from; i < to; i++) {
                byte[] b = nals.array(i);
                int o = nals.offset(i);
                forbidden |= b[o] & 0x80;
                layerId = Math.min(layerId, ((b[o] & 0x01) << 5) | ((b[o + 1] & 0xFF) >>> 3));
                tid = Math.min(tid, b[o + 1] & 0x07);
            }
            dst[at] = (byte) (forbidden | (48 << 1) | (layerId >>> 5));
            dst[at + 1] = (byte) (((layerId & 0x1F) << 3) | tid);
        }

        @Override
        void writeFragmentHeader(byte[] dst, int at, byte[] nal, int offset, boolean start, boolean end) {
            dst[at] = (byte) ((nal[offset] & 0x81) | (49 << 1));
            dst[at + 1] = nal[offset + 1];
            dst[at + 2] = (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | type(nal, offset));
        }

        @Override
        int fragmentedType(byte[] b, int offset) {
            return b[offset + 2] & 0x3F;
        }

        @Override
        void appendFragmentedHeader(UnitBuffer unit, byte[] b, int offset) {
            unit.append((b[offset] & 0x81) | ((b[offset + 2] & 0x3F) << 1));
            unit.append(b[offset + 1] & 0xFF);
        }
    };

    private final int headerSize;
    private final int aggregationType;
    private final int fragmentationType;

    NalSyntax(int headerSize, int aggregationType, int fragmentationType) {
        this.headerSize = headerSize;
        this.aggregationType = aggregationType;
        this.fragmentationType = fragmentationType;
    }

    /** Bytes of the NAL unit header. */
    public int headerSize() {
        return headerSize;
    }

    /** Bytes of a fragment's headers before its data: the payload header and the FU header. */
    public int fragmentHeaderSize() {
        return headerSize + 1;
    }

    public int aggregationType() {
        return aggregationType;
    }

    public int fragmentationType() {
        return fragmentationType;
    }

    /** The type of the NAL unit (or packet) whose header starts at {@code offset}. */
    public abstract int type(byte[] b, int offset);

    /** Whether a type is one the codec defines for NAL units (as opposed to the RTP packet types). */
    public abstract boolean isNalType(int type);

    /** Whether a NAL unit of this type makes its access unit a point where decoding can start. */
    public abstract boolean isRandomAccess(int type);

    public abstract boolean isAccessUnitDelimiter(int type);

    /** Whether the type is a coded slice (VCL NAL unit). */
    public abstract boolean isVcl(int type);

    /** 0 for a VPS, 1 for an SPS, 2 for a PPS, -1 for anything else. */
    public abstract int parameterSetIndex(int type);

    abstract void writeAggregationHeader(byte[] dst, int at, NalUnitList nals, int from, int to);

    abstract void writeFragmentHeader(byte[] dst, int at, byte[] nal, int offset, boolean start, boolean end);

    /** The type of the NAL unit a fragment (whose payload header starts at {@code offset}) carries. */
    abstract int fragmentedType(byte[] b, int offset);

    /** Appends the header of the NAL unit a fragment carries, rebuilt from the payload and FU headers. */
    abstract void appendFragmentedHeader(UnitBuffer unit, byte[] b, int offset);
}
