package org.rtspkit.protocol.rtsp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.RtspHeaders;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.RtspStatus;

/**
 * Decodes what a client sends on one RTSP connection: requests and interleaved frames
 * ({@code $}, channel, 16-bit big-endian length, payload), in any mix.
 *
 * <p>The caller owns a heap {@link ByteBuffer}: it reads from the socket into the buffer, flips it,
 * calls {@link #decode}, then compacts it. {@code decode} consumes every complete item and every
 * complete line of a request still arriving, and leaves the rest in place; the request being read
 * is kept here, so nothing is copied twice. An interleaved frame is handed out as a view into the
 * buffer's array, without allocating.
 *
 * <p>Buffer size: any capacity of at least {@link #MIN_BUFFER_CAPACITY} (the longest line) works and
 * never needs to grow, because a body is gathered here and a frame longer than the buffer is gathered
 * into an array of this decoder (allocated once, then reused). A buffer of {@link #MAX_FRAME_SIZE}
 * bytes hands every frame out without that copy.
 *
 * <p>Between items, a byte that cannot start one is dropped, so that the decoder finds its way back
 * after junk (REFERENCE §2). Limits are those of the server we follow; a request breaking one throws
 * {@link ProtocolException} and the connection is closed. Not thread-safe: one decoder per
 * connection, used by its reading thread.
 */
public final class RequestDecoder {
    /** Longest method name, in bytes. */
    public static final int MAX_METHOD_LENGTH = 64;
    /** Longest request URI, in bytes. */
    public static final int MAX_URL_LENGTH = 2048;
    /** Longest protocol token of the request line, in bytes. */
    public static final int MAX_PROTOCOL_LENGTH = 64;
    /** Most header lines in one request. */
    public static final int MAX_HEADER_COUNT = 255;
    /** Longest header name, in bytes. */
    public static final int MAX_HEADER_KEY_LENGTH = 512;
    /** Longest header value (after trimming surrounding spaces and tabs), in bytes. */
    public static final int MAX_HEADER_VALUE_LENGTH = 2048;
    /** Largest {@code Content-Length}. */
    public static final int MAX_BODY_LENGTH = 128 * 1024;
    /** Room for the spaces and tabs around the colon of a header line. */
    public static final int HEADER_WHITESPACE_ALLOWANCE = 64;
    /** Longest request line, line ending excluded. */
    public static final int MAX_REQUEST_LINE_LENGTH = MAX_METHOD_LENGTH + 1 + MAX_URL_LENGTH + 1 + MAX_PROTOCOL_LENGTH;
    /** Longest header line, line ending excluded. */
    public static final int MAX_HEADER_LINE_LENGTH =
            MAX_HEADER_KEY_LENGTH + 1 + MAX_HEADER_VALUE_LENGTH + HEADER_WHITESPACE_ALLOWANCE;
    /**
     * Longest head (request line, headers, blank line): what the line limits and the header count
     * allow, checked as a whole too so that no mix of lines can keep a connection reading forever.
     */
    public static final int MAX_HEAD_LENGTH =
            MAX_REQUEST_LINE_LENGTH + 2 + MAX_HEADER_COUNT * (MAX_HEADER_LINE_LENGTH + 2) + 2;
    /** The largest interleaved frame: 4 header bytes and a 65535-byte payload. */
    public static final int MAX_FRAME_SIZE = 4 + 0xFFFF;
    /** The smallest input buffer that can hold any legal line with its CR LF. */
    public static final int MIN_BUFFER_CAPACITY = Math.max(MAX_REQUEST_LINE_LENGTH, MAX_HEADER_LINE_LENGTH) + 2;

    private static final String PROTOCOL = "RTSP/1.0";

    /** Receives decoded items, on the thread that calls {@link #decode}. */
    public interface Listener {
        /**
         * An interleaved frame. {@code array[offset, offset + length)} is the payload; it is valid only
         * during this call (the buffer is reused), so copy what must outlive it.
         */
        void frame(int channel, byte[] array, int offset, int length);

        /** A complete request. */
        void request(RtspRequest request);
    }

    private enum State { IDLE, REQUEST_LINE, HEADERS, BODY, FRAME_SPILL }

    private State state = State.IDLE;
    /** Bytes from the buffer's position already searched for a line end without finding one. */
    private int scanned;
    private int headLength;

    private String method;
    private String uri;
    private RtspHeaders.Builder headers;
    private RtspHeaders requestHeaders;
    private int headerCount;
    private byte[] body;
    private int bodyFilled;

    private byte[] spill;
    private int spillChannel;
    private int spillLength;
    private int spillFilled;

    /**
     * Consumes every complete item in {@code in} (position to limit), calling the listener for each,
     * and advances the position past what was consumed. An item is consumed before its listener call,
     * so an exception from the listener leaves the decoder at the next item.
     *
     * @throws ProtocolException when the client sent a response or broke a limit; the decoder is then
     *         unusable and the connection should be closed
     * @throws IllegalArgumentException when {@code in} is not backed by an accessible array
     */
    public void decode(ByteBuffer in, Listener listener) {
        if (!in.hasArray()) {
            throw new IllegalArgumentException("the input buffer must be a heap buffer");
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
                    byte b0 = a[pos];
                    if (b0 == '$') {
                        if (available < 4) {
                            return;
                        }
                        int channel = a[pos + 1] & 0xff;
                        int length = ((a[pos + 2] & 0xff) << 8) | (a[pos + 3] & 0xff);
                        if (available >= 4 + length) {
                            in.position(in.position() + 4 + length);
                            listener.frame(channel, a, pos + 4, length);
                        } else if (4 + length > in.capacity()) {
                            startSpill(channel, length);
                            in.position(in.position() + 4);
                        } else {
                            return;
                        }
                        continue;
                    }
                    if (available < 2) {
                        return;
                    }
                    byte b1 = a[pos + 1];
                    if (b0 == 'R' && b1 == 'T') {
                        throw new ProtocolException(RtspStatus.BAD_REQUEST, "received unexpected response");
                    }
                    if (startsRequest(b0, b1)) {
                        state = State.REQUEST_LINE;
                        scanned = 0;
                        headLength = 0;
                    } else {
                        in.position(in.position() + 1);
                    }
                }
                case REQUEST_LINE -> {
                    int lineEnd = findLineEnd(a, pos, end);
                    if (lineEnd < 0) {
                        checkRequestLine(a, pos, withoutTrailingCr(a, pos, end));
                        return;
                    }
                    int contentEnd = stripCr(a, pos, lineEnd);
                    checkRequestLine(a, pos, contentEnd);
                    parseRequestLine(a, pos, contentEnd);
                    consumeLine(in, lineEnd - pos + 1);
                    headers = RtspHeaders.builder();
                    headerCount = 0;
                    state = State.HEADERS;
                }
                case HEADERS -> {
                    int lineEnd = findLineEnd(a, pos, end);
                    if (lineEnd < 0) {
                        checkHeaderLine(a, pos, withoutTrailingCr(a, pos, end), false);
                        checkHeadLength(available);
                        return;
                    }
                    int contentEnd = stripCr(a, pos, lineEnd);
                    checkHeadLength(lineEnd - pos + 1);
                    consumeLine(in, lineEnd - pos + 1);
                    if (contentEnd == pos) {
                        finishHead();
                    } else {
                        if (++headerCount > MAX_HEADER_COUNT) {
                            throw new ProtocolException(RtspStatus.BAD_REQUEST,
                                    "too many header lines (more than " + MAX_HEADER_COUNT + ")");
                        }
                        checkHeaderLine(a, pos, contentEnd, true);
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
                    emitRequest(listener);
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

    /** Whether a request (its first line or later) is partly read; a connection closing now lost it. */
    public boolean inRequest() {
        return state == State.REQUEST_LINE || state == State.HEADERS || state == State.BODY;
    }

    /** The first two letters of the methods this server knows (OPTIONS, DESCRIBE, SETUP, ...). */
    private static boolean startsRequest(byte b0, byte b1) {
        return switch (b0) {
            case 'A' -> b1 == 'N';
            case 'D' -> b1 == 'E';
            case 'G' -> b1 == 'E';
            case 'O' -> b1 == 'P';
            case 'P' -> b1 == 'A' || b1 == 'L';
            case 'R' -> b1 == 'E';
            case 'S' -> b1 == 'E';
            case 'T' -> b1 == 'E';
            default -> false;
        };
    }

    private void startSpill(int channel, int length) {
        if (spill == null) {
            spill = new byte[0xFFFF];
        }
        spillChannel = channel;
        spillLength = length;
        spillFilled = 0;
        state = State.FRAME_SPILL;
    }

    /** The index of the next {@code '\n'}, or -1; remembers how far it looked so a slow line is not rescanned. */
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

    /** The end of a partial line without a CR that may be the start of its CR LF ending. */
    private static int withoutTrailingCr(byte[] a, int pos, int end) {
        return end > pos && a[end - 1] == '\r' ? end - 1 : end;
    }

    private void consumeLine(ByteBuffer in, int length) {
        headLength += length;
        in.position(in.position() + length);
    }

    private void checkHeadLength(int pending) {
        if (headLength + pending > MAX_HEAD_LENGTH) {
            throw new ProtocolException(RtspStatus.BAD_REQUEST,
                    "request head exceeds " + MAX_HEAD_LENGTH + " bytes");
        }
    }

    /**
     * Checks the request line (complete, or the part received so far) against the field limits, so
     * that a line that can no longer be valid is refused before it is complete.
     */
    private static void checkRequestLine(byte[] a, int pos, int end) {
        int methodEnd = indexOf(a, pos, Math.min(end, pos + MAX_METHOD_LENGTH + 1), (byte) ' ');
        if (methodEnd < 0) {
            if (end - pos > MAX_METHOD_LENGTH) {
                throw new ProtocolException(RtspStatus.BAD_REQUEST, "method exceeds " + MAX_METHOD_LENGTH + " bytes");
            }
            return;
        }
        int urlStart = methodEnd + 1;
        int urlEnd = indexOf(a, urlStart, Math.min(end, urlStart + MAX_URL_LENGTH + 1), (byte) ' ');
        if (urlEnd < 0) {
            if (end - urlStart > MAX_URL_LENGTH) {
                throw new ProtocolException(RtspStatus.REQUEST_URI_TOO_LONG, "URL exceeds " + MAX_URL_LENGTH + " bytes");
            }
            return;
        }
        if (end - urlEnd - 1 > MAX_PROTOCOL_LENGTH) {
            throw new ProtocolException(RtspStatus.BAD_REQUEST, "protocol exceeds " + MAX_PROTOCOL_LENGTH + " bytes");
        }
    }

    private void parseRequestLine(byte[] a, int pos, int end) {
        int methodEnd = indexOf(a, pos, end, (byte) ' ');
        int urlEnd = methodEnd < 0 ? -1 : indexOf(a, methodEnd + 1, end, (byte) ' ');
        if (urlEnd < 0) {
            throw new ProtocolException(RtspStatus.BAD_REQUEST,
                    "invalid request line '" + quote(a, pos, end) + "': expected method, URL and protocol");
        }
        if (methodEnd == pos) {
            throw new ProtocolException(RtspStatus.BAD_REQUEST, "empty method");
        }
        if (urlEnd == methodEnd + 1) {
            throw new ProtocolException(RtspStatus.BAD_REQUEST, "empty URL");
        }
        String protocol = new String(a, urlEnd + 1, end - urlEnd - 1, StandardCharsets.ISO_8859_1);
        if (!protocol.equals(PROTOCOL)) {
            throw new ProtocolException(RtspStatus.RTSP_VERSION_NOT_SUPPORTED,
                    "expected '" + PROTOCOL + "', got '" + protocol + "'");
        }
        method = new String(a, pos, methodEnd - pos, StandardCharsets.ISO_8859_1);
        uri = new String(a, methodEnd + 1, urlEnd - methodEnd - 1, StandardCharsets.UTF_8);
        try {
            RtspUrl.parse(uri);
        } catch (MalformedDataException e) {
            throw new ProtocolException(RtspStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** Checks a header line (complete, or the part received so far) against the key and line limits. */
    private static void checkHeaderLine(byte[] a, int pos, int end, boolean complete) {
        int colon = indexOf(a, pos, Math.min(end, pos + MAX_HEADER_KEY_LENGTH + 1), (byte) ':');
        if (colon < 0) {
            if (end - pos > MAX_HEADER_KEY_LENGTH) {
                throw new ProtocolException(RtspStatus.BAD_REQUEST,
                        "header key exceeds " + MAX_HEADER_KEY_LENGTH + " bytes");
            }
            if (complete) {
                throw new ProtocolException(RtspStatus.BAD_REQUEST,
                        "invalid header line '" + quote(a, pos, end) + "': no ':'");
            }
            return;
        }
        if (end - pos > MAX_HEADER_LINE_LENGTH) {
            throw new ProtocolException(RtspStatus.BAD_REQUEST,
                    "header line exceeds " + MAX_HEADER_LINE_LENGTH + " bytes");
        }
    }

    private void addHeader(byte[] a, int pos, int end) {
        int colon = indexOf(a, pos, end, (byte) ':');
        int keyStart = skipBlanks(a, pos, colon);
        int keyEnd = trimBlanks(a, keyStart, colon);
        if (keyEnd == keyStart) {
            throw new ProtocolException(RtspStatus.BAD_REQUEST, "invalid header line '" + quote(a, pos, end) + "': empty key");
        }
        int valueStart = skipBlanks(a, colon + 1, end);
        int valueEnd = trimBlanks(a, valueStart, end);
        if (valueEnd - valueStart > MAX_HEADER_VALUE_LENGTH) {
            throw new ProtocolException(RtspStatus.BAD_REQUEST,
                    "header value exceeds " + MAX_HEADER_VALUE_LENGTH + " bytes");
        }
        headers.add(new String(a, keyStart, keyEnd - keyStart, StandardCharsets.UTF_8),
                new String(a, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8));
    }

    private void finishHead() {
        requestHeaders = headers.build();
        headers = null;
        body = new byte[contentLength(requestHeaders)];
        bodyFilled = 0;
        state = State.BODY;
    }

    private void emitRequest(Listener listener) {
        RtspRequest request = new RtspRequest(method, uri, requestHeaders, body);
        method = null;
        uri = null;
        requestHeaders = null;
        body = null;
        state = State.IDLE;
        listener.request(request);
    }

    private static int contentLength(RtspHeaders headers) {
        String value = headers.first("Content-Length").orElse(null);
        if (value == null) {
            return 0;
        }
        if (value.isEmpty() || value.length() > 18) {
            throw invalidContentLength(value);
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw invalidContentLength(value);
            }
            n = n * 10 + (c - '0');
        }
        if (n > MAX_BODY_LENGTH) {
            throw new ProtocolException(RtspStatus.REQUEST_ENTITY_TOO_LARGE,
                    "Content-Length " + n + " exceeds " + MAX_BODY_LENGTH + " bytes");
        }
        return (int) n;
    }

    private static ProtocolException invalidContentLength(String value) {
        return new ProtocolException(RtspStatus.BAD_REQUEST, "invalid Content-Length '" + value + "'");
    }

    private static int indexOf(byte[] a, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int skipBlanks(byte[] a, int from, int to) {
        while (from < to && (a[from] == ' ' || a[from] == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimBlanks(byte[] a, int from, int to) {
        while (to > from && (a[to - 1] == ' ' || a[to - 1] == '\t' || a[to - 1] == '\r')) {
            to--;
        }
        return to;
    }

    private static String quote(byte[] a, int from, int to) {
        // error messages quote at most a line's start: enough to recognise it, bounded in size
        return new String(a, from, Math.min(to - from, 128), StandardCharsets.ISO_8859_1);
    }
}
