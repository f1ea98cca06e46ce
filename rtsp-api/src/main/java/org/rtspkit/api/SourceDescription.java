package org.rtspkit.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * RTCP SDES (PT 202).
 *
 * @param chunks at most 31 chunks, one per source
 */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {
    /** Item type of the canonical name. */
    public static final int CNAME = 1;

    /**
     * Checks the number of chunks (at most 31) and copies the list.
     *
     * @param chunks at most 31 chunks, one per source
     */
    public SourceDescription {
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
        if (chunks.size() > RtcpCodec.MAX_COUNT) {
            throw new IllegalArgumentException("a source description holds at most 31 chunks, not " + chunks.size());
        }
    }

    /**
     * One chunk with one CNAME item.
     *
     * @param source the SSRC the CNAME belongs to, unsigned 32-bit
     * @param cname  the canonical name, at most 255 bytes of UTF-8
     * @return the source description
     */
    public static SourceDescription cname(long source, String cname) {
        return new SourceDescription(List.of(new Chunk(source, List.of(Item.cname(cname)))));
    }

    /**
     * Items of one source.
     *
     * @param source the SSRC or CSRC described
     * @param items  its items, in order
     */
    public record Chunk(long source, List<Item> items) {
        /**
         * Checks the source and copies the items.
         *
         * @param source the SSRC or CSRC described
         * @param items its items, in order
         */
        public Chunk {
            Wire.checkU32(source, "source");
            items = items == null ? List.of() : List.copyOf(items);
        }

        /** Bytes on the wire: source, items, at least one null octet, padded to 32 bits. */
        int size() {
            int n = 4 + 1;
            for (Item item : items) {
                n += 2 + item.text.length;
            }
            return (n + 3) & ~3;
        }
    }

    /**
     * One item.
     *
     * @param type 1..255 (1 is CNAME; 0 ends a chunk on the wire and is no item)
     * @param text at most 255 bytes, normally UTF-8; copied in and out
     */
    public record Item(int type, byte[] text) {
        /**
         * Checks the item type and the text's length (at most 255 bytes), and copies the text.
         *
         * @param type 1..255 (1 is CNAME; 0 ends a chunk on the wire and is no item)
         * @param text at most 255 bytes, normally UTF-8; copied in and out
         */
        public Item {
            Wire.checkRange(type, 1, 255, "SDES item type");
            text = text == null ? Wire.NO_BYTES : text.clone();
            if (text.length > 255) {
                throw new IllegalArgumentException("SDES item text is at most 255 bytes, not " + text.length);
            }
        }

        /**
         * A CNAME item (type 1).
         *
         * @param cname the canonical name, at most 255 bytes of UTF-8
         * @return the item
         */
        public static Item cname(String cname) {
            return new Item(CNAME, cname.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * The item's text as sent.
         *
         * @return a copy of the bytes
         */
        @Override
        public byte[] text() {
            return text.clone();
        }

        /**
         * The text decoded as UTF-8.
         *
         * @return the text
         */
        public String textAsString() {
            return new String(text, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Item i && type == i.type && Arrays.equals(text, i.text);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(text);
        }

        @Override
        public String toString() {
            return "Item[type=" + type + ", text=" + textAsString() + "]";
        }
    }

    @Override
    public int marshalSize() {
        int size = RtcpCodec.HEADER_SIZE;
        for (Chunk c : chunks) {
            size += c.size();
        }
        RtcpCodec.checkSize(size, "source description");
        return size;
    }

    @Override
    public int marshalTo(byte[] dst, int offset) {
        int size = marshalSize();
        Wire.checkRoom(dst, offset, size);
        RtcpCodec.writeHeader(dst, offset, false, chunks.size(), RtcpCodec.SDES, size);
        int i = offset + RtcpCodec.HEADER_SIZE;
        for (Chunk c : chunks) {
            int chunkEnd = i + c.size();
            Wire.put32(dst, i, c.source());
            i += 4;
            for (Item item : c.items()) {
                dst[i] = (byte) item.type;
                dst[i + 1] = (byte) item.text.length;
                System.arraycopy(item.text, 0, dst, i + 2, item.text.length);
                i += 2 + item.text.length;
            }
            Arrays.fill(dst, i, chunkEnd, (byte) 0);
            i = chunkEnd;
        }
        return size;
    }
}
