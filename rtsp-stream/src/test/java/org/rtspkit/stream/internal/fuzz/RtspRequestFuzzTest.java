package org.rtspkit.stream.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.rtspkit.api.RtspHeaders;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.protocol.rtsp.ProtocolException;
import org.rtspkit.protocol.rtsp.RequestDecoder;
import org.rtspkit.protocol.rtsp.RtspUrl;

/**
 * What a client can put on an RTSP connection, fed to {@link RequestDecoder} the way a connection
 * feeds it: through a fixed input buffer, in whatever pieces the network delivers.
 *
 * <p>Properties: only {@link ProtocolException} escapes; the pieces do not matter (whole, byte by
 * byte and in random pieces give the same requests and frames, and the same verdict); a full buffer
 * is always consumed (a decoder that waits on a full buffer would spin its connection's I/O thread);
 * every decoded request is within the limits; a decoded request written out again decodes to itself.
 */
class RtspRequestFuzzTest {
    /** The buffer a connection reads into. */
    private static final int CONNECTION_BUFFER = 16 * 1024;

    @FuzzTest(maxDuration = "60s")
    void requestDecoding(byte[] data) {
        Decoded whole = decode(data, CONNECTION_BUFFER, left -> left);
        // Byte by byte costs a compaction per byte: long inputs go in pieces of a few bytes instead.
        int small = data.length <= 1024 ? 1 : 7;
        Decoded tiny = decode(data, RequestDecoder.MIN_BUFFER_CAPACITY, left -> Math.min(left, small));
        SplittableRandom random = new SplittableRandom(Arrays.hashCode(data));
        Decoded pieces = decode(data, RequestDecoder.MIN_BUFFER_CAPACITY, left -> 1 + random.nextInt(Math.max(1, left)));

        assertEquals(whole.items(), tiny.items(), "in tiny pieces");
        assertEquals(whole.items(), pieces.items(), "in pieces");
        assertEquals(whole.refused() != null, tiny.refused() != null,
                "refused whole: " + whole.refused() + ", in tiny pieces: " + tiny.refused());
        assertEquals(whole.refused() != null, pieces.refused() != null,
                "refused whole: " + whole.refused() + ", in pieces: " + pieces.refused());
        for (Item item : whole.items()) {
            if (item instanceof RequestItem request) {
                checkLimits(request);
                checkRewrite(request);
            }
        }
    }

    /**
     * A mix of interleaved frames (up to the largest, so that frames bigger than the buffer are
     * gathered), requests and junk between them comes out as exactly the frames and requests put in,
     * whatever the buffer size and the pieces.
     */
    @FuzzTest(maxDuration = "60s")
    void interleavedFraming(FuzzedDataProvider data) {
        int capacity = data.pickValue(new int[] {
            RequestDecoder.MIN_BUFFER_CAPACITY, CONNECTION_BUFFER, RequestDecoder.MAX_FRAME_SIZE});
        List<Item> expected = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int count = data.consumeInt(0, 12);
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            switch (data.consumeInt(0, 2)) {
                case 0 -> {
                    int channel = data.consumeInt(0, 255);
                    int length = data.consumeBoolean() ? data.consumeInt(0, 0xFFFF) : data.consumeInt(0, 64);
                    byte fill = data.consumeByte();
                    byte[] payload = new byte[length];
                    for (int j = 0; j < length; j++) {
                        payload[j] = (byte) (fill + j * 31);
                    }
                    wire.write('$');
                    wire.write(channel);
                    wire.write(length >> 8);
                    wire.write(length);
                    wire.writeBytes(payload);
                    expected.add(new FrameItem(channel, ByteBuffer.wrap(payload)));
                }
                case 1 -> {
                    String path = "/" + data.consumeInt(0, 1_000_000);
                    byte[] body = data.consumeBoolean() ? data.consumeBytes(data.consumeInt(0, 300)) : new byte[0];
                    String head = "SET_PARAMETER rtsp://127.0.0.1:8554" + path + " RTSP/1.0\r\nCSeq: " + i + "\r\n"
                            + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n";
                    wire.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
                    wire.writeBytes(body);
                    expected.add(new RequestItem("SET_PARAMETER", "rtsp://127.0.0.1:8554" + path,
                            body.length > 0
                                    ? RtspHeaders.of("CSeq", Integer.toString(i), "Content-Length", Integer.toString(body.length))
                                    : RtspHeaders.of("CSeq", Integer.toString(i)),
                            ByteBuffer.wrap(body)));
                }
                default -> {
                    // Junk: bytes that can start neither a frame nor a request are skipped.
                    for (byte b : data.consumeBytes(data.consumeInt(0, 16))) {
                        wire.write(startsNothing(b) ? b : 'x');
                    }
                }
            }
        }
        byte[] bytes = wire.toByteArray();
        int[] sizes = data.consumeInts(64);
        int[] next = {0};
        Decoded decoded = decode(bytes, capacity,
                left -> sizes.length == 0 ? left : 1 + Math.floorMod(sizes[next[0]++ % sizes.length], left));
        assertEquals(null, decoded.refused());
        assertEquals(expected, decoded.items());
    }

    private static boolean startsNothing(byte b) {
        return b != '$' && "ADGOPRST".indexOf(b) < 0;
    }

    /** A request as decoded, comparable by value. */
    private interface Item {
    }

    /** Byte buffers compare by content, which records holding arrays would not. */
    private record RequestItem(String method, String uri, RtspHeaders headers, ByteBuffer body) implements Item {
        static RequestItem of(RtspRequest r) {
            return new RequestItem(r.method(), r.uri(), r.headers(), ByteBuffer.wrap(r.body()));
        }

        byte[] bodyBytes() {
            return body.array();
        }
    }

    private record FrameItem(int channel, ByteBuffer payload) implements Item {
    }

    /** What came out of one input: the items before any refusal, and the refusal's message, if any. */
    private record Decoded(List<Item> items, String refused) {
    }

    /**
     * Feeds {@code data} as a connection does: read into a buffer of {@code capacity} bytes at most
     * {@code piece.applyAsInt(bytesLeft)} bytes at a time, flip, decode, compact.
     */
    private static Decoded decode(byte[] data, int capacity, IntUnaryOperator piece) {
        RequestDecoder decoder = new RequestDecoder();
        List<Item> items = new ArrayList<>();
        RequestDecoder.Listener listener = new RequestDecoder.Listener() {
            @Override
            public void frame(int channel, byte[] array, int offset, int length) {
                items.add(new FrameItem(channel, ByteBuffer.wrap(Arrays.copyOfRange(array, offset, offset + length))));
            }

            @Override
            public void request(RtspRequest request) {
                items.add(RequestItem.of(request));
            }
        };
        ByteBuffer buffer = ByteBuffer.allocate(capacity);
        int at = 0;
        try {
            while (at < data.length) {
                int n = Math.min(Math.min(piece.applyAsInt(data.length - at), buffer.remaining()), data.length - at);
                buffer.put(data, at, n);
                at += n;
                buffer.flip();
                decoder.decode(buffer, listener);
                buffer.compact();
                if (!buffer.hasRemaining()) {
                    fail("the decoder left a full " + capacity + "-byte buffer unconsumed: its connection would spin");
                }
            }
        } catch (ProtocolException e) {
            return new Decoded(items, e.getMessage());
        }
        return new Decoded(items, null);
    }

    private static void checkLimits(RequestItem r) {
        assertTrue(r.method().length() <= RequestDecoder.MAX_METHOD_LENGTH, "method of " + r.method().length());
        // Decoded text has at most one character per byte received.
        assertTrue(r.uri().length() <= RequestDecoder.MAX_URL_LENGTH, "URL of " + r.uri().length());
        RtspUrl.parse(r.uri());
        int values = 0;
        for (Map.Entry<String, List<String>> e : r.headers().asMap().entrySet()) {
            assertTrue(e.getKey().length() <= RequestDecoder.MAX_HEADER_KEY_LENGTH, "header key of " + e.getKey().length());
            for (String v : e.getValue()) {
                assertTrue(v.length() <= RequestDecoder.MAX_HEADER_VALUE_LENGTH, "header value of " + v.length());
                values++;
            }
        }
        assertTrue(values <= RequestDecoder.MAX_HEADER_COUNT, values + " header lines");
        byte[] body = r.bodyBytes();
        assertTrue(body.length <= RequestDecoder.MAX_BODY_LENGTH, "body of " + body.length);
        assertEquals(r.headers().first("Content-Length").map(Integer::parseInt).orElse(0), body.length, "body length");
    }

    /** Writes the request out as a client would and decodes it again: the same request comes back. */
    private static void checkRewrite(RequestItem r) {
        byte[] method = r.method().getBytes(StandardCharsets.ISO_8859_1);
        byte[] uri = r.uri().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(method);
        out.write(' ');
        out.writeBytes(uri);
        out.writeBytes(" RTSP/1.0\r\n".getBytes(StandardCharsets.US_ASCII));
        boolean fits = uri.length <= RequestDecoder.MAX_URL_LENGTH;
        for (Map.Entry<String, List<String>> e : r.headers().asMap().entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            fits &= key.length <= RequestDecoder.MAX_HEADER_KEY_LENGTH;
            for (String v : e.getValue()) {
                byte[] value = v.getBytes(StandardCharsets.UTF_8);
                // Undecodable bytes came in as one character each and go out as three.
                fits &= value.length <= RequestDecoder.MAX_HEADER_VALUE_LENGTH;
                out.writeBytes(key);
                out.writeBytes(": ".getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(value);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        fits &= out.size() <= RequestDecoder.MAX_HEAD_LENGTH;
        out.writeBytes(r.bodyBytes());
        if (!fits) {
            return;
        }
        Decoded again = decode(out.toByteArray(), CONNECTION_BUFFER, left -> left);
        assertEquals(null, again.refused(), "rewritten request refused");
        assertEquals(List.of(r), again.items(), "rewritten request");
    }
}
