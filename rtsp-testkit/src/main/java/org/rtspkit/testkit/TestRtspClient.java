package org.rtspkit.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately plain RTSP client for tests: it writes requests byte for byte (a CSeq is added, and a
 * Content-Length for a body) and reads responses and interleaved frames off a real socket, so a test
 * sees exactly what a client would. It can also write anything at all (a stray response, a request cut
 * in two, junk) and read a response head as sent. Every read is bounded by the socket timeout
 * ({@link #DEFAULT_TIMEOUT_MILLIS} unless {@link #setTimeout} says otherwise).
 */
public final class TestRtspClient implements AutoCloseable {
    /** The read (and connect) timeout of a new client. */
    public static final int DEFAULT_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int cseq;

    /**
     * A response.
     *
     * @param status     the status code
     * @param headers    one value per header, names lower-cased; a repeated header keeps its last value
     * @param body       the body as UTF-8 text, empty when there is none
     * @param allHeaders every value of every header in the order received, names lower-cased
     * @param bodyBytes  the body as received
     */
    public record Response(int status, Map<String, String> headers, String body, Map<String, List<String>> allHeaders,
                           byte[] bodyBytes) {
        /** A response with single-valued headers and a text body. */
        public Response(int status, Map<String, String> headers, String body) {
            this(status, headers, body, single(headers), body.getBytes(StandardCharsets.UTF_8));
        }

        private static Map<String, List<String>> single(Map<String, String> headers) {
            Map<String, List<String>> all = new LinkedHashMap<>();
            headers.forEach((k, v) -> all.put(k, List.of(v)));
            return all;
        }

        /** A header's value, by case-insensitive name; null when absent. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** Every value of a header, by case-insensitive name, in the order received; empty when absent. */
        public List<String> headerValues(String name) {
            return allHeaders.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** The {@code Session} header's id, without its parameters; null when absent. */
        public String sessionId() {
            String s = header("Session");
            return s == null ? null : s.split(";")[0].trim();
        }

        @Override
        public String toString() {
            return "Response[" + status + ", " + allHeaders + ", " + body + "]";
        }
    }

    /** An interleaved frame: its channel and its payload. */
    public record Frame(int channel, byte[] data) {
    }

    /** Connects to {@code server}. */
    public TestRtspClient(InetSocketAddress server) throws IOException {
        this(server, null, 0);
    }

    /** Over a socket the caller connected, for example a TLS one. */
    public TestRtspClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(DEFAULT_TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /**
     * Connects from a chosen local address (127.0.0.2 looks like another host to a loopback server) when
     * {@code localAddress} is not null and, when {@code receiveBuffer} is positive, with that socket receive
     * buffer, set before connecting so that the advertised window stays that small.
     */
    public TestRtspClient(InetSocketAddress server, InetAddress localAddress, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(server, DEFAULT_TIMEOUT_MILLIS);
        socket.setSoTimeout(DEFAULT_TIMEOUT_MILLIS);
        // Unbuffered with a small receive buffer, so that what the test does not read stays in the socket.
        in = receiveBuffer > 0 ? socket.getInputStream() : new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a request without a body and returns the response, skipping interleaved frames before it. */
    public Response request(String method, String url, String... headers) throws IOException {
        return send(method, url, null, headers);
    }

    /** A request with a body (an SDP for ANNOUNCE); Content-Length is added when the body is not empty. */
    public Response requestWithBody(String method, String url, String body, String... headers) throws IOException {
        return send(method, url, body.isEmpty() ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A request with a body given as bytes; Content-Length is added even when it is empty. */
    public Response requestWithBody(String method, String url, byte[] body, String... headers) throws IOException {
        return send(method, url, body, headers);
    }

    private Response send(String method, String url, byte[] body, String... headers) throws IOException {
        StringBuilder b = new StringBuilder(method).append(' ').append(url).append(" RTSP/1.0\r\n")
                .append("CSeq: ").append(++cseq).append("\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        if (body != null) {
            b.append("Content-Length: ").append(body.length).append("\r\n");
        }
        out.write(b.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        return readResponse();
    }

    /** Reads the next response, skipping the interleaved frames that come before it. */
    public Response readResponse() throws IOException {
        while (true) {
            int first = read();
            if (first == '$') {
                readFrameAfterDollar();
                continue;
            }
            String statusLine = (char) first + line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].equals("RTSP/1.0")) {
                throw new IOException("not an RTSP response: " + statusLine);
            }
            Map<String, String> headers = new TreeMap<>();
            Map<String, List<String>> all = new LinkedHashMap<>();
            for (String l = line(); !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = l.substring(colon + 1).trim();
                headers.put(name, value);
                all.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            byte[] body = readExactly(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            all.replaceAll((k, v) -> List.copyOf(v));
            return new Response(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8), all,
                    body);
        }
    }

    /**
     * Reads a response head as sent: the status line and the header lines with their original spelling
     * and order. The body, if any, is read and dropped.
     */
    public List<String> readRawHead() throws IOException {
        List<String> lines = new ArrayList<>();
        int length = 0;
        for (String l = line(); !l.isEmpty(); l = line()) {
            lines.add(l);
            if (l.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(l.substring(l.indexOf(':') + 1).trim());
            }
        }
        readExactly(length);
        return lines;
    }

    /** Writes bytes as they are. */
    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes text as it is (a hand-made request, a stray response). */
    public void writeText(String text) throws IOException {
        writeRaw(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends an interleaved frame ({@code $}, channel, 16-bit length, data). */
    public void send(int channel, byte[] data) throws IOException {
        byte[] frame = new byte[4 + data.length];
        frame[0] = '$';
        frame[1] = (byte) channel;
        frame[2] = (byte) (data.length >>> 8);
        frame[3] = (byte) data.length;
        System.arraycopy(data, 0, frame, 4, data.length);
        writeRaw(frame);
    }

    /** The next interleaved frame ({@code $}, channel, 16-bit length, data); a response here is an error. */
    public Frame frame() throws IOException {
        int magic = read();
        if (magic != '$') {
            throw new IOException("expected an interleaved frame, got byte " + magic);
        }
        return readFrameAfterDollar();
    }

    /** The next interleaved frame, or null when none starts within {@code timeoutMillis}. */
    public Frame pollFrame(int timeoutMillis) throws IOException {
        int previous = socket.getSoTimeout();
        int first;
        socket.setSoTimeout(timeoutMillis);
        try {
            first = read();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(previous);
        }
        if (first != '$') {
            throw new IOException("expected an interleaved frame, got byte " + first);
        }
        return readFrameAfterDollar();
    }

    /**
     * True when the server closed the connection (end of stream or a reset), reading and dropping
     * whatever comes before; false when the read timeout passes first.
     */
    public boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Sets the read timeout. */
    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** The socket, for what the methods here do not cover (linger, local port). */
    public Socket socket() {
        return socket;
    }

    private Frame readFrameAfterDollar() throws IOException {
        int channel = read();
        int length = (read() << 8) | read();
        return new Frame(channel, readExactly(length));
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] b = in.readNBytes(length);
        if (b.length < length) {
            throw new EOFException("connection closed after " + b.length + " of " + length + " bytes");
        }
        return b;
    }

    private int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed by the server");
        }
        return b;
    }

    /** A line without its CR LF (a bare LF ends a line too). */
    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = read(); c != '\n'; c = read()) {
            b.write(c);
        }
        String s = b.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
