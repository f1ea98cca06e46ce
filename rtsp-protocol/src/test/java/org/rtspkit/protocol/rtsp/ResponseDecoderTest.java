package org.rtspkit.protocol.rtsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.RtspResponse;

class ResponseDecoderTest {
    private final List<Object> items = new ArrayList<>();
    private final ResponseDecoder.Listener listener = new ResponseDecoder.Listener() {
        @Override
        public void frame(int channel, byte[] array, int offset, int length) {
            byte[] copy = new byte[length + 1];
            copy[0] = (byte) channel;
            System.arraycopy(array, offset, copy, 1, length);
            items.add(copy);
        }

        @Override
        public void response(RtspResponse response, String reasonPhrase) {
            items.add(response);
            items.add(reasonPhrase);
        }
    };

    /** Feeds the bytes in pieces of {@code step}, as a socket might deliver them. */
    private void feed(ResponseDecoder d, byte[] bytes, int step) {
        ByteBuffer buffer = ByteBuffer.allocate(ResponseDecoder.MIN_BUFFER_CAPACITY);
        for (int i = 0; i < bytes.length; i += step) {
            buffer.put(bytes, i, Math.min(step, bytes.length - i));
            buffer.flip();
            d.decode(buffer, listener);
            buffer.compact();
        }
    }

    @Test
    void responsesAndFramesInAnyMixAndAnySplit() {
        byte[] wire = ("RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: 5\r\n\r\nhello"
                + "$\u0001\u0000\u0003abc"
                + "RTSP/1.0 461 Unsupported transport\r\nCSeq: 2\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int step : new int[] {1, 3, 7, wire.length}) {
            items.clear();
            feed(new ResponseDecoder(4096, 1024), wire, step);
            assertEquals(5, items.size(), "step " + step);
            RtspResponse first = (RtspResponse) items.get(0);
            assertEquals(200, first.status());
            assertEquals("1", first.headers().first("cseq").orElseThrow());
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), first.body());
            assertEquals("OK", items.get(1));
            assertArrayEquals(new byte[] {1, 'a', 'b', 'c'}, (byte[]) items.get(2));
            assertEquals(461, ((RtspResponse) items.get(3)).status());
            assertEquals("Unsupported transport", items.get(4));
        }
    }

    @Test
    void aFrameLargerThanTheBufferIsGathered() {
        byte[] payload = new byte[20_000];
        payload[19_999] = 42;
        byte[] wire = new byte[4 + payload.length];
        wire[0] = '$';
        wire[2] = (byte) (payload.length >> 8);
        wire[3] = (byte) payload.length;
        System.arraycopy(payload, 0, wire, 4, payload.length);
        feed(new ResponseDecoder(4096, 1024), wire, 1000);
        assertEquals(1, items.size());
        assertEquals(20_001, ((byte[]) items.get(0)).length);
        assertEquals(42, ((byte[]) items.get(0))[20_000]);
    }

    @Test
    void limitsAndGarbageAreErrorsThatSayWhat() {
        ProtocolException head = assertThrows(ProtocolException.class, () -> feed(new ResponseDecoder(100, 1024),
                ("RTSP/1.0 200 OK\r\nX: " + "a".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), 50));
        assertTrue(head.getMessage().startsWith("response head exceeds 100 bytes"), head.getMessage());
        ProtocolException body = assertThrows(ProtocolException.class, () -> feed(new ResponseDecoder(4096, 10),
                "RTSP/1.0 200 OK\r\nContent-Length: 11\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 64));
        assertEquals("response body of 11 bytes exceeds the limit of 10 bytes", body.getMessage());
        ProtocolException junk = assertThrows(ProtocolException.class, () -> feed(new ResponseDecoder(4096, 10),
                "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII), 64));
        assertTrue(junk.getMessage().contains("got 'HTTP/1.1 200 OK..'"), junk.getMessage());
        ProtocolException status = assertThrows(ProtocolException.class, () -> feed(new ResponseDecoder(4096, 10),
                "RTSP/1.0 2x0 OK\r\n".getBytes(StandardCharsets.US_ASCII), 64));
        assertTrue(status.getMessage().startsWith("invalid status code"), status.getMessage());
        ProtocolException length = assertThrows(ProtocolException.class, () -> feed(new ResponseDecoder(4096, 10),
                "RTSP/1.0 200 OK\r\nContent-Length: -1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 64));
        assertEquals("invalid Content-Length '-1'", length.getMessage());
    }

    @Test
    void whatIsPartlyReadIsNamed() {
        ResponseDecoder d = new ResponseDecoder(4096, 1024);
        feed(d, "RTSP/1.0 200 OK\r\nContent-Length: 9\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII), 100);
        assertEquals("the body of a 200 response (3 of 9 bytes read)", d.partialItem());
    }

    @Test
    void requestsEncodeAsTheyAreWritten() {
        byte[] bytes = RequestEncoder.encode(new org.rtspkit.api.RtspRequest("ANNOUNCE", "rtsp://h/p",
                org.rtspkit.api.RtspHeaders.of("CSeq", "3", "Content-Type", "application/sdp"),
                "v=0\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("ANNOUNCE rtsp://h/p RTSP/1.0\r\nCSeq: 3\r\nContent-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n",
                new String(bytes, StandardCharsets.US_ASCII));
        assertThrows(IllegalArgumentException.class, () -> RequestEncoder.encode(new org.rtspkit.api.RtspRequest(
                "OPTIONS", "rtsp://h/p q", org.rtspkit.api.RtspHeaders.empty())));
    }
}
