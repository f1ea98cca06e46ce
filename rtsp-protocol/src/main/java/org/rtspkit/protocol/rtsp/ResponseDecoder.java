package org.rtspkit.protocol.rtsp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.rtspkit.api.RtspHeaders;
import org.rtspkit.api.RtspResponse;

/**
 * Decodes what a server sends on one RTSP connection, as a client reads it: responses and
 * interleaved frames ({@code $}, channel, 16-bit big-endian length, payload), in any mix.
 *
 * <p>Used like {@link RequestDecoder}: the caller reads from the socket into a heap
 * {@link ByteBuffer}, flips it, calls {@link #decode}, then compacts it. Complete items are handed
 * to the listener; a partial one stays in the buffer or in this decoder. Any buffer of at least
 * {@link #MIN_BUFFER_CAPACITY} bytes works: a frame or body longer than the buffer is gathered here.
 *
 * <p>Unlike a server, a client cannot resynchronise on junk before a response: a byte that starts
 * neither {@code RTSP/} nor {@code $} is an error, as is a head or body past the limits given to
 * the constructor. Every error is a {@link ProtocolException} whose message says what was wrong
 * and quotes the start of the offending line. Not thread-safe: one decoder per connection.
 */
public final class ResponseDecoder {
    /** The smallest input buffer {@link #decode} accepts. */
    public static final int MIN_BUFFER_CAPACITY = 4096;
    /** The most header lines in one response. */
    public static final int MAX_HEADER_COUNT = 255;

    private static final byte[] PREFIX = "RTSP/".getBytes(StandardCharsets.US_ASCII);

    /** Receives decoded items, on the thread that calls {@link #decode}. */
    public interface Listener {
        /**
         * An interleaved frame. {@code array[offset, offset + length)} is the payload, valid only
         * during this call.
         *
         * @param channel the channel byte
         * @param array the buffer holding the payload
         * @param offset where the payload starts
         * @param length the payload's length
         */
        void frame(int channel, byte[] array, int offset, int length);

        /**
         * A complete response.
         *
         * @param response the status, headers and body
         * @param reasonPhrase the reason phrase as the server wrote it (may differ from the standard one)
         */
        void response(RtspResponse response, String reasonPhrase);
    }

    private enum State { IDLE, STATUS_LINE, HEADERS, BODY, FRAME_SPILL }

    private final int maxHeadLength;
    private final int maxBodyLength;

    private State state = State.IDLE;
    private int scanned;
    private int headLength;
    private int status;
    private String reason;
    private RtspHeaders.Builder headers;
    private RtspHeaders pendingHeaders;
    private int headerCount;
    private byte[] body;
    private int bodyFilled;
    private byte[] spill;
    private int spillChannel;
    private int spillLength;
    private int spillFilled;

    /**
     * A decoder with limits.
     *
     * @param maxHeadLength the longest status line plus headers, in bytes
     * @param maxBodyLength the largest {@code Content-Length} accepted
     */
    public ResponseDecoder(int maxHeadLength, int maxBodyLength) {
        if (maxHeadLength < 64 || maxBodyLength < 0) {
            throw new IllegalArgumentException("maxHeadLength must be at least 64 and maxBodyLength not negative");
        }
        this.maxHeadLength = maxHeadLength;
        this.maxBodyLength = maxBodyLength;
    }

    /**
     * Consumes every complete item in {@code in} (position to limit), calling the listener for each.
     *
     * @param in the bytes received, in read mode; its position is advanced past what was consumed
     * @param listener receives frames and responses
     * @throws ProtocolException when the bytes are not a response or break a limit
     */
    public void decode(ByteBuffer in, Listener listener) {
        if (!in.hasArray()) {
            throw new IllegalArgumentException("the input buffer must be a heap buffer");
        }
        if (in.capacity() < MIN_BUFFER_CAPACITY) {
            throw new IllegalArgumentException("the input buffer must hold at least " + MIN_BUFFER_CAPACITY + " bytes");
        }
        byte[] a = in.array();
        int base = in.arrayOffset();
        while (true) {
            int pos = base + in.position();
            int end = base + in.limit();
            int available = end - pos;
            switch (state) {
                case IDLE -> {
                    if (available < 1) {
                        return;
                    }
                    if (a[pos] == '$') {
                        if (available < 4) {
                            return;
                        }
                        int channel = a[pos + 1] & 0xff;
                        int length = ((a[pos + 2] & 0xff) << 8) | (a[pos + 3] & 0xff);
                        if (available >= 4 + length) {
                            in.position(in.position() + 4 + length);
                            listener.frame(channel, a, pos + 4, length);
                        } else if (4 + length > in.capacity()) {
                            if (spill == null) {
                                spill = new byte[0xFFFF];
                            }
                            spillChannel = channel;
                            spillLength = length;
                            spillFilled = 0;
                            state = State.FRAME_SPILL;
                            in.position(in.position() + 4);
                        } else {
                            return;
                        }
                        continue;
                    }
                    int n = Math.min(available, PREFIX.length);
                    for (int i = 0; i < n; i++) {
                        if (a[pos + i] != PREFIX[i]) {
                            throw new ProtocolException(400, "expected a response ('RTSP/1.0 ...') or an interleaved frame,"
                                    + " got '" + quote(a, pos, end) + "'");
                        }
                    }
                    if (n < PREFIX.length) {
                        return;
                    }
                    state = State.STATUS_LINE;
                    scanned = 0;
                    headLength = 0;
                }
                case STATUS_LINE -> {
                    int lineEnd = findLineEnd(a, pos, end);
                    if (lineEnd < 0) {
                        checkHeadLength(available, a, pos, end);
                        return;
                    }
                    checkHeadLength(lineEnd - pos + 1, a, pos, end);
                    parseStatusLine(a, pos, stripCr(a, pos, lineEnd));
                    consume(in, lineEnd - pos + 1);
                    headers = RtspHeaders.builder();
                    headerCount = 0;
                    state = State.HEADERS;
                }
                case HEADERS -> {
                    int lineEnd = findLineEnd(a, pos, end);
                    if (lineEnd < 0) {
                        checkHeadLength(available, a, pos, end);
                        return;
                    }
                    checkHeadLength(lineEnd - pos + 1, a, pos, end);
                    int contentEnd = stripCr(a, pos, lineEnd);
                    consume(in, lineEnd - pos + 1);
                    if (contentEnd == pos) {
                        finishHead(listener);
                    } else {
                        if (++headerCount > MAX_HEADER_COUNT) {
                            throw new ProtocolException(400, "response has more than " + MAX_HEADER_COUNT + " header lines");
                        }
                        addHeader(a, pos, contentEnd);
                    }
                }
                case BODY -> {
                    int n = Math.min(available, body.length - bodyFilled);
                    System.arraycopy(a, pos, body, bodyFilled, n);
                    bodyFilled += n;
                    in.position(in.position() + n);
                    if (bodyFilled < body.length) {
                        return;
                    }
                    emit(listener);
                }
                case FRAME_SPILL -> {
                    int n = Math.min(available, spillLength - spillFilled);
                    System.arraycopy(a, pos, spill, spillFilled, n);
                    spillFilled += n;
                    in.position(in.position() + n);
                    if (spillFilled < spillLength) {
                        return;
                    }
                    state = State.IDLE;
                    listener.frame(spillChannel, spill, 0, spillLength);
                }
            }
        }
    }

    /**
     * What is partly read, for the message of a connection that closed: empty when between items.
     *
     * @return a description such as {@code "the headers of a response (1234 bytes read)"}, or empty
     */
    public String partialItem() {
        return switch (state) {
            case IDLE -> "";
            case STATUS_LINE -> "the status line of a response";
            case HEADERS -> "the headers of a " + status + " response (" + headLength + " bytes read)";
            case BODY -> "the body of a " + status + " response (" + bodyFilled + " of " + body.length + " bytes read)";
            case FRAME_SPILL -> "an interleaved frame (" + spillFilled + " of " + spillLength + " bytes read)";
        };
    }

    private void parseStatusLine(byte[] a, int pos, int end) {
        String line = new String(a, pos, end - pos, StandardCharsets.ISO_8859_1);
        int sp1 = line.indexOf(' ');
        String version = sp1 < 0 ? line : line.substring(0, sp1);
        if (!version.equals("RTSP/1.0")) {
            throw new ProtocolException(505, "unsupported protocol version in status line '" + clip(line) + "'");
        }
        int sp2 = line.indexOf(' ', sp1 + 1);
        String code = sp2 < 0 ? line.substring(sp1 + 1) : line.substring(sp1 + 1, sp2);
        if (code.length() != 3 || !Character.isDigit(code.charAt(0)) || !Character.isDigit(code.charAt(1))
                || !Character.isDigit(code.charAt(2)) || code.charAt(0) == '0') {
            throw new ProtocolException(400, "invalid status code in status line '" + clip(line) + "'");
        }
        status = Integer.parseInt(code);
        reason = sp2 < 0 ? "" : line.substring(sp2 + 1).strip();
    }

    private void addHeader(byte[] a, int pos, int end) {
        if (a[pos] == ' ' || a[pos] == '\t') {
            throw new ProtocolException(400, "folded header lines are not supported: '" + quote(a, pos, end) + "'");
        }
        int colon = -1;
        for (int i = pos; i < end; i++) {
            if (a[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= pos) {
            throw new ProtocolException(400, "invalid header line '" + quote(a, pos, end) + "'");
        }
        String name = new String(a, pos, colon - pos, StandardCharsets.ISO_8859_1).strip();
        String value = new String(a, colon + 1, end - colon - 1, StandardCharsets.UTF_8).strip();
        if (name.isEmpty()) {
            throw new ProtocolException(400, "invalid header line '" + quote(a, pos, end) + "'");
        }
        headers.add(name, value);
    }

    private void finishHead(Listener listener) {
        RtspHeaders built = headers.build();
        int length = 0;
        var contentLength = built.first("Content-Length");
        if (contentLength.isPresent()) {
            String v = contentLength.get();
            try {
                long parsed = Long.parseLong(v);
                if (parsed < 0) {
                    throw new NumberFormatException();
                }
                if (parsed > maxBodyLength) {
                    throw new ProtocolException(413, "response body of " + parsed + " bytes exceeds the limit of "
                            + maxBodyLength + " bytes");
                }
                length = (int) parsed;
            } catch (NumberFormatException e) {
                throw new ProtocolException(400, "invalid Content-Length '" + clip(v) + "'");
            }
        }
        headers = null;
        if (length == 0) {
            body = new byte[0];
            bodyFilled = 0;
            pendingHeaders = built;
            emit(listener);
            return;
        }
        body = new byte[length];
        bodyFilled = 0;
        pendingHeaders = built;
        state = State.BODY;
    }

    private void emit(Listener listener) {
        RtspResponse response = new RtspResponse(status, pendingHeaders, body);
        String phrase = reason;
        state = State.IDLE;
        pendingHeaders = null;
        body = null;
        listener.response(response, phrase);
    }

    private int findLineEnd(byte[] a, int pos, int end) {
        for (int i = pos + scanned; i < end; i++) {
            if (a[i] == '\n') {
                scanned = 0;
                return i;
            }
        }
        scanned = end - pos;
        return -1;
    }

    private static int stripCr(byte[] a, int pos, int lineEnd) {
        return lineEnd > pos && a[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
    }

    private void consume(ByteBuffer in, int length) {
        headLength += length;
        in.position(in.position() + length);
    }

    private void checkHeadLength(int pending, byte[] a, int pos, int end) {
        if (headLength + pending > maxHeadLength) {
            throw new ProtocolException(400, "response head exceeds " + maxHeadLength + " bytes (status "
                    + (state == State.STATUS_LINE ? "line unfinished" : Integer.toString(status)) + "; line starts '"
                    + quote(a, pos, end) + "')");
        }
    }

    private static String quote(byte[] a, int from, int to) {
        int n = Math.min(to - from, 64);
        StringBuilder sb = new StringBuilder(n);
        for (int i = from; i < from + n; i++) {
            int c = a[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return sb.toString();
    }

    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
