package org.rtspkit.protocol.rtsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.RtspRequest;

class RequestDecoderTest {

    private static final String OPTIONS = "OPTIONS rtsp://localhost:8554/teststream RTSP/1.0\r\nCSeq: 1\r\n\r\n";
    private static final String SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=Stream\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:trackID=0\r\n";
    private static final String ANNOUNCE = "ANNOUNCE rtsp://localhost:8554/teststream RTSP/1.0\r\n"
            + "CSeq: 2\r\ncontent-type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n"
            + "User-Agent:   LibVLC/3.0  \r\n\r\n" + SDP;

    /** Collects items as text, so runs can be compared; drives the decoder the way a connection does. */
    private static final class Feeder implements RequestDecoder.Listener {
        final RequestDecoder decoder = new RequestDecoder();
        final ByteBuffer buffer;
        final List<String> items = new ArrayList<>();
        final List<RtspRequest> requests = new ArrayList<>();

        Feeder(int capacity) {
            buffer = ByteBuffer.allocate(capacity);
        }

        Feeder() {
            this(RequestDecoder.MAX_FRAME_SIZE);
        }

        Feeder feed(byte[] data, int from, int to) {
            int i = from;
            while (i < to) {
                int n = Math.min(buffer.remaining(), to - i);
                assertTrue(n > 0, "buffer full: the decoder stopped consuming");
                buffer.put(data, i, n);
                i += n;
                buffer.flip();
                try {
                    decoder.decode(buffer, this);
                } finally {
                    buffer.compact();
                }
            }
            return this;
        }

        Feeder feed(byte[] data) {
            return feed(data, 0, data.length);
        }

        Feeder feed(String text) {
            return feed(bytes(text));
        }

        @Override
        public void frame(int channel, byte[] array, int offset, int length) {
            items.add("frame " + channel + " " + HexFormat.of().formatHex(array, offset, offset + length));
        }

        @Override
        public void request(RtspRequest request) {
            requests.add(request);
            items.add("request " + request.method() + " " + request.uri() + " " + request.headers() + " "
                    + new String(request.body(), StandardCharsets.UTF_8));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] frame(int channel, int length, int seed) {
        byte[] f = new byte[4 + length];
        f[0] = '$';
        f[1] = (byte) channel;
        f[2] = (byte) (length >> 8);
        f[3] = (byte) length;
        for (int i = 0; i < length; i++) {
            f[4 + i] = (byte) (seed + i);
        }
        return f;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<String> whole(byte[] data) {
        return new Feeder().feed(data).items;
    }

    private static ProtocolException fails(String text) {
        return assertThrows(ProtocolException.class, () -> new Feeder().feed(text));
    }

    @Test
    void simpleRequest() {
        Feeder f = new Feeder().feed(OPTIONS);
        assertEquals(1, f.requests.size());
        RtspRequest r = f.requests.get(0);
        assertEquals("OPTIONS", r.method());
        assertEquals("rtsp://localhost:8554/teststream", r.uri());
        assertEquals("1", r.cseq().orElseThrow());
        assertEquals(0, r.body().length);
        assertEquals(0, f.buffer.position(), "everything consumed");
        assertFalse(f.decoder.inRequest());
    }

    @Test
    void requestWithBodyAndNormalisedHeaders() {
        RtspRequest r = new Feeder().feed(ANNOUNCE).requests.get(0);
        assertEquals("ANNOUNCE", r.method());
        assertEquals(SDP, new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("application/sdp", r.headers().first("Content-Type").orElseThrow());
        assertEquals(List.of("LibVLC/3.0"), r.headers().all("User-Agent"));
        assertTrue(r.headers().asMap().containsKey("CSeq"));
        assertTrue(r.headers().asMap().containsKey("Content-Type"));
    }

    @Test
    void bareLineFeedsAndStarUri() {
        RtspRequest r = new Feeder().feed("OPTIONS * RTSP/1.0\nCSeq: 7\nSession:abc\n\n").requests.get(0);
        assertEquals("*", r.uri());
        assertEquals("7", r.cseq().orElseThrow());
        assertEquals("abc", r.headers().first("Session").orElseThrow());
    }

    @Test
    void repeatedHeadersKeepEveryValue() {
        RtspRequest r = new Feeder().feed("DESCRIBE rtsp://h/s RTSP/1.0\r\nCSeq: 1\r\ncseq: 2\r\nX-Empty:\r\n\r\n")
                .requests.get(0);
        assertEquals(List.of("1", "2"), r.headers().all("CSeq"));
        assertEquals(List.of(""), r.headers().all("X-Empty"));
    }

    @Test
    void uriKeptVerbatim() {
        String uri = "rtsp://user:pw@localhost:8554/a%20b/c?x=1/trackID=0";
        RtspRequest r = new Feeder().feed("SETUP " + uri + " RTSP/1.0\r\nCSeq: 3\r\n\r\n").requests.get(0);
        assertEquals(uri, r.uri());
    }

    @Test
    void everySplitGivesTheSameResultAsWhole() {
        byte[] data = concat(bytes(OPTIONS), frame(0, 20, 1), bytes(ANNOUNCE), frame(1, 0, 0), frame(255, 3, 9),
                bytes("GET_PARAMETER rtsp://localhost:8554/teststream/ RTSP/1.0\nCSeq: 4\nSession: 1234;timeout=60\n\n"));
        List<String> expected = whole(data);
        assertEquals(6, expected.size());
        for (int split = 1; split < data.length; split++) {
            Feeder f = new Feeder();
            f.feed(data, 0, split).feed(data, split, data.length);
            assertEquals(expected, f.items, "split at " + split);
            assertEquals(0, f.buffer.position());
        }
        Feeder byteByByte = new Feeder();
        for (int i = 0; i < data.length; i++) {
            byteByByte.feed(data, i, i + 1);
        }
        assertEquals(expected, byteByByte.items);
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            Feeder f = new Feeder();
            int i = 0;
            while (i < data.length) {
                int n = Math.min(data.length - i, 1 + random.nextInt(40));
                f.feed(data, i, i + n);
                i += n;
            }
            assertEquals(expected, f.items, "random run " + run);
        }
    }

    @Test
    void framesAreViewsIntoTheBuffer() {
        byte[] data = concat(frame(3, 5, 10), frame(4, 1400, 0));
        ByteBuffer in = ByteBuffer.wrap(data);
        List<int[]> seen = new ArrayList<>();
        new RequestDecoder().decode(in, new RequestDecoder.Listener() {
            @Override
            public void frame(int channel, byte[] array, int offset, int length) {
                assertSame(data, array);
                seen.add(new int[] {channel, offset, length});
            }

            @Override
            public void request(RtspRequest request) {
                throw new AssertionError();
            }
        });
        assertEquals(2, seen.size());
        assertArrayEquals(new int[] {3, 4, 5}, seen.get(0));
        assertArrayEquals(new int[] {4, 13, 1400}, seen.get(1));
        assertEquals(data.length, in.position());
    }

    @Test
    void partialFrameStaysInTheBuffer() {
        byte[] f = frame(0, 100, 0);
        ByteBuffer in = ByteBuffer.allocate(200);
        in.put(f, 0, 50).flip();
        List<String> items = new ArrayList<>();
        RequestDecoder d = new RequestDecoder();
        RequestDecoder.Listener l = listener(items);
        d.decode(in, l);
        assertEquals(0, in.position(), "nothing consumed");
        assertEquals(List.of(), items);
        in.compact().put(f, 50, 54).flip();
        d.decode(in, l);
        assertEquals(1, items.size());
    }

    @Test
    void frameLargerThanTheBufferIsGathered() {
        byte[] data = concat(frame(2, 65535, 7), bytes(OPTIONS), frame(2, 3000, 1));
        List<String> expected = whole(data);
        Feeder small = new Feeder(4096);
        small.feed(data);
        assertEquals(expected, small.items);
        assertEquals(3, expected.size());
    }

    @Test
    void smallestBufferTakesTheLongestLinesAndAnyFrame() {
        StringBuilder text = new StringBuilder("DESCRIBE rtsp://h/" + "a".repeat(RequestDecoder.MAX_URL_LENGTH - 9)
                + " RTSP/1.0\r\n");
        text.append("K".repeat(RequestDecoder.MAX_HEADER_KEY_LENGTH)).append(':')
                .append(" ".repeat(RequestDecoder.HEADER_WHITESPACE_ALLOWANCE))
                .append("v".repeat(RequestDecoder.MAX_HEADER_VALUE_LENGTH)).append("\r\n\r\n");
        byte[] data = concat(bytes(text.toString()), frame(1, 65535, 3), bytes(ANNOUNCE));
        Feeder f = new Feeder(RequestDecoder.MIN_BUFFER_CAPACITY);
        f.feed(data);
        assertEquals(whole(data), f.items);
        assertEquals(3, f.items.size());
    }

    @Test
    void garbageBeforeARequestIsSkipped() {
        byte[] garbage = {0, 1, 2, (byte) 0xff, '\r', '\n', 'x', 'y', 'R', 'x', 'P', 'O', 'S', 'a', 'b', '\n'};
        Feeder f = new Feeder().feed(concat(garbage, bytes(OPTIONS), garbage, frame(0, 4, 0), garbage, bytes(OPTIONS)));
        assertEquals(3, f.items.size());
        assertTrue(f.items.get(0).startsWith("request OPTIONS"));
        assertTrue(f.items.get(1).startsWith("frame 0 "));
        assertTrue(f.items.get(2).startsWith("request OPTIONS"));
    }

    @Test
    void everyKnownMethodIsRecognised() {
        for (String m : List.of("ANNOUNCE", "DESCRIBE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY", "RECORD",
                "REDIRECT", "SETUP", "SET_PARAMETER", "TEARDOWN")) {
            List<RtspRequest> r = new Feeder().feed(m + " rtsp://h/s RTSP/1.0\r\nCSeq: 1\r\n\r\n").requests;
            assertEquals(1, r.size(), m);
            assertEquals(m, r.get(0).method());
        }
        // an unknown method is junk to the resync rule, as in the server we follow
        assertEquals(List.of(), new Feeder().feed("FOO rtsp://h/s\r\n\r\n").items);
        // and so a protocol token seen while skipping reads as a response
        assertEquals("received unexpected response", fails("FOO rtsp://h/s RTSP/1.0\r\n\r\n").getMessage());
    }

    @Test
    void responseFromClientIsRefused() {
        ProtocolException e = fails("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n");
        assertEquals("received unexpected response", e.getMessage());
        assertEquals(400, e.status());
    }

    @Test
    void methodLimit() {
        String ok = "OP" + "T".repeat(RequestDecoder.MAX_METHOD_LENGTH - 2);
        assertEquals(ok, new Feeder().feed(ok + " rtsp://h/s RTSP/1.0\r\n\r\n").requests.get(0).method());
        ProtocolException e = fails(ok + "T rtsp://h/s RTSP/1.0\r\n\r\n");
        assertEquals("method exceeds 64 bytes", e.getMessage());
        assertEquals(400, e.status());
        // refused as soon as it can no longer be valid, before the line ends
        assertThrows(ProtocolException.class, () -> new Feeder().feed(ok + "T"));
        new Feeder().feed(ok);
    }

    @Test
    void urlLimit() {
        String prefix = "rtsp://h/";
        String ok = prefix + "a".repeat(RequestDecoder.MAX_URL_LENGTH - prefix.length());
        assertEquals(ok, new Feeder().feed("DESCRIBE " + ok + " RTSP/1.0\r\n\r\n").requests.get(0).uri());
        ProtocolException e = fails("DESCRIBE " + ok + "a RTSP/1.0\r\n\r\n");
        assertEquals(414, e.status());
        assertEquals("URL exceeds 2048 bytes", e.getMessage());
        assertThrows(ProtocolException.class, () -> new Feeder().feed("DESCRIBE " + ok + "a"));
    }

    @Test
    void protocolLimitAndVersion() {
        String at = "RTSP/1.0" + "x".repeat(RequestDecoder.MAX_PROTOCOL_LENGTH - 8);
        ProtocolException e = fails("OPTIONS * " + at + "\r\n\r\n");
        assertEquals(505, e.status(), "64 bytes are read, then refused as a version");
        assertEquals("expected 'RTSP/1.0', got '" + at + "'", e.getMessage());
        e = fails("OPTIONS * " + at + "x\r\n\r\n");
        assertEquals(400, e.status());
        assertEquals("protocol exceeds 64 bytes", e.getMessage());
        assertEquals(505, fails("OPTIONS * RTSP/2.0\r\n\r\n").status());
        assertEquals(505, fails("OPTIONS * HTTP/1.1\r\n\r\n").status());
    }

    @Test
    void headerCountLimit() {
        StringBuilder ok = new StringBuilder("OPTIONS * RTSP/1.0\r\n");
        for (int i = 0; i < RequestDecoder.MAX_HEADER_COUNT; i++) {
            ok.append("X-H").append(i).append(": v\r\n");
        }
        assertEquals(255, new Feeder().feed(ok + "\r\n").requests.get(0).headers().size());
        ProtocolException e = fails(ok + "X-Extra: v\r\n\r\n");
        assertEquals("too many header lines (more than 255)", e.getMessage());
    }

    @Test
    void headerKeyLimit() {
        String key = "X" + "k".repeat(RequestDecoder.MAX_HEADER_KEY_LENGTH - 1);
        RtspRequest r = new Feeder().feed("OPTIONS * RTSP/1.0\r\n" + key + ": v\r\n\r\n").requests.get(0);
        assertEquals(1, r.headers().size());
        ProtocolException e = fails("OPTIONS * RTSP/1.0\r\n" + key + "k: v\r\n\r\n");
        assertEquals("header key exceeds 512 bytes", e.getMessage());
        assertThrows(ProtocolException.class, () -> new Feeder().feed("OPTIONS * RTSP/1.0\r\n" + key + "k"));
    }

    @Test
    void headerValueLimit() {
        String value = "v".repeat(RequestDecoder.MAX_HEADER_VALUE_LENGTH);
        String longestKey = "K".repeat(RequestDecoder.MAX_HEADER_KEY_LENGTH);
        RtspRequest r = new Feeder().feed("OPTIONS * RTSP/1.0\r\n" + longestKey + ":  " + value + " \t\r\n\r\n")
                .requests.get(0);
        assertEquals(value, r.headers().asMap().values().iterator().next().get(0));
        ProtocolException e = fails("OPTIONS * RTSP/1.0\r\nX: " + value + "v\r\n\r\n");
        assertEquals("header value exceeds 2048 bytes", e.getMessage());
    }

    @Test
    void endlessHeaderBytesAreCutOff() {
        Feeder f = new Feeder();
        f.feed("OPTIONS * RTSP/1.0\r\nX-Junk: ");
        byte[] junk = bytes("j".repeat(1000));
        ProtocolException e = assertThrows(ProtocolException.class, () -> {
            for (int i = 0; i < 100; i++) {
                f.feed(junk);
            }
        });
        assertTrue(e.getMessage().startsWith("header line exceeds"), e.getMessage());
        // spaces are not values, but they are still bytes of a line
        Feeder g = new Feeder();
        g.feed("OPTIONS * RTSP/1.0\r\nX-Junk:");
        assertThrows(ProtocolException.class, () -> {
            for (int i = 0; i < 100; i++) {
                g.feed(" ".repeat(1000));
            }
        });
        // a line that never shows its colon
        Feeder h = new Feeder();
        h.feed("OPTIONS * RTSP/1.0\r\n");
        assertThrows(ProtocolException.class, () -> {
            for (int i = 0; i < 100; i++) {
                h.feed(junk);
            }
        });
    }

    @Test
    void headLimitIsWhatTheLineLimitsAllow() {
        assertEquals(RequestDecoder.MAX_REQUEST_LINE_LENGTH + 2
                        + RequestDecoder.MAX_HEADER_COUNT * (RequestDecoder.MAX_HEADER_LINE_LENGTH + 2) + 2,
                RequestDecoder.MAX_HEAD_LENGTH);
        // the largest legal head passes
        StringBuilder head = new StringBuilder("OPTIONS * RTSP/1.0\r\n");
        String key = "K".repeat(RequestDecoder.MAX_HEADER_KEY_LENGTH - 3);
        String value = "v".repeat(RequestDecoder.MAX_HEADER_VALUE_LENGTH);
        String blanks = " ".repeat(RequestDecoder.HEADER_WHITESPACE_ALLOWANCE);
        for (int i = 0; i < RequestDecoder.MAX_HEADER_COUNT; i++) {
            head.append(key).append(String.format("%03d", i)).append(':').append(blanks).append(value).append("\r\n");
        }
        head.append("\r\n");
        assertEquals(255, new Feeder().feed(head.toString()).requests.get(0).headers().size());
    }

    @Test
    void bodyLimit() {
        String head = "ANNOUNCE rtsp://h/s RTSP/1.0\r\nCSeq: 1\r\nContent-Length: ";
        byte[] body = new byte[RequestDecoder.MAX_BODY_LENGTH];
        body[0] = 'v';
        RtspRequest r = new Feeder().feed(concat(bytes(head + body.length + "\r\n\r\n"), body)).requests.get(0);
        assertEquals(RequestDecoder.MAX_BODY_LENGTH, r.body().length);
        ProtocolException e = fails(head + (body.length + 1) + "\r\n\r\n");
        assertEquals(413, e.status());
        assertEquals("Content-Length 131073 exceeds 131072 bytes", e.getMessage());
        assertEquals(413, fails(head + "99999999999999999\r\n\r\n").status());
    }

    @Test
    void badContentLength() {
        for (String v : List.of("-1", "abc", "1 2", "0x10", "9999999999999999999999")) {
            ProtocolException e = fails("ANNOUNCE rtsp://h/s RTSP/1.0\r\nContent-Length: " + v + "\r\n\r\n");
            assertEquals(400, e.status(), v);
            assertTrue(e.getMessage().startsWith("invalid Content-Length"), e.getMessage());
        }
        assertEquals(0, new Feeder().feed("OPTIONS * RTSP/1.0\r\nContent-Length: 0\r\n\r\n").requests.get(0).body().length);
    }

    @Test
    void malformedRequestLines() {
        assertEquals("empty URL", fails("OPTIONS  RTSP/1.0\r\n\r\n").getMessage());
        assertTrue(fails("OPTIONS *\r\n\r\n").getMessage().startsWith("invalid request line"));
        assertTrue(fails("OPTIONS\r\n\r\n").getMessage().startsWith("invalid request line"));
        ProtocolException e = fails("DESCRIBE http://h/s RTSP/1.0\r\n\r\n");
        assertEquals(400, e.status());
        assertEquals("invalid URL 'http://h/s': unsupported scheme 'http'", e.getMessage());
        assertEquals(400, fails("DESCRIBE rtsp://h/s#x RTSP/1.0\r\n\r\n").status());
    }

    @Test
    void malformedHeaderLines() {
        assertTrue(fails("OPTIONS * RTSP/1.0\r\nno colon here\r\n\r\n").getMessage().startsWith("invalid header line"));
        assertTrue(fails("OPTIONS * RTSP/1.0\r\n: value\r\n\r\n").getMessage().endsWith("empty key"));
    }

    @Test
    void inRequestTracksAPartialRequest() {
        Feeder f = new Feeder();
        f.feed("OPTIONS * RTSP/1.0\r\nCSe");
        assertTrue(f.decoder.inRequest());
        f.feed("q: 1\r\n\r\n");
        assertFalse(f.decoder.inRequest());
        assertEquals(1, f.requests.size());
    }

    @Test
    void directBuffersAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RequestDecoder().decode(ByteBuffer.allocateDirect(8), listener(new ArrayList<>())));
    }

    @Test
    void listenerSeesItemsInOrderAndAnExceptionLeavesTheNextItem() {
        byte[] data = concat(bytes(OPTIONS), bytes(OPTIONS));
        ByteBuffer in = ByteBuffer.wrap(data);
        RequestDecoder d = new RequestDecoder();
        RequestDecoder.Listener failing = new RequestDecoder.Listener() {
            @Override
            public void frame(int channel, byte[] array, int offset, int length) {
            }

            @Override
            public void request(RtspRequest request) {
                throw new IllegalStateException("stop");
            }
        };
        assertThrows(IllegalStateException.class, () -> d.decode(in, failing));
        assertEquals(OPTIONS.length(), in.position());
        List<String> items = new ArrayList<>();
        d.decode(in, listener(items));
        assertEquals(1, items.size());
    }

    private static RequestDecoder.Listener listener(List<String> items) {
        return new RequestDecoder.Listener() {
            @Override
            public void frame(int channel, byte[] array, int offset, int length) {
                items.add("frame " + channel + " " + length);
            }

            @Override
            public void request(RtspRequest request) {
                items.add("request " + request.method());
            }
        };
    }
}
