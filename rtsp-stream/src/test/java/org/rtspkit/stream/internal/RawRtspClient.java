package org.rtspkit.stream.internal;

import java.io.ByteArrayOutputStream;
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

/**
 * A deliberately plain RTSP client for engine tests: it writes requests byte for byte and reads
 * responses and interleaved frames off a real socket, so tests see exactly what a client would.
 */
final class RawRtspClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int cseq;

    RawRtspClient(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, 5000);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Over a socket the caller connected, for example a TLS one. */
    RawRtspClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /**
     * Connects from a chosen local address (127.0.0.2 looks like another host to a loopback server)
     * and, when {@code receiveBuffer} is positive, with that socket receive buffer, set before
     * connecting so that the advertised window stays that small.
     */
    RawRtspClient(InetSocketAddress server, InetAddress localAddress, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(server, 5000);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A response: status, headers (keys lower-cased, values in order) and body. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        List<String> headerValues(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        String bodyText() {
            return new String(body, StandardCharsets.US_ASCII);
        }

        /** The session id without its parameters. */
        String sessionId() {
            String s = header("Session");
            return s == null ? null : s.split(";")[0];
        }
    }

    /** An interleaved frame. */
    record Frame(int channel, byte[] payload) {
    }

    /** Sends a request with an automatic CSeq and returns the response, skipping interleaved frames before it. */
    Response request(String method, String url, String... headers) throws IOException {
        return request(method, url, null, headers);
    }

    Response request(String method, String url, byte[] body, String... headers) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(url).append(" RTSP/1.0\r\n");
        sb.append("CSeq: ").append(++cseq).append("\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        if (body != null) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        return readResponse();
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void writeFrame(int channel, byte[] payload) throws IOException {
        byte[] b = new byte[4 + payload.length];
        b[0] = '$';
        b[1] = (byte) channel;
        b[2] = (byte) (payload.length >> 8);
        b[3] = (byte) payload.length;
        System.arraycopy(payload, 0, b, 4, payload.length);
        writeRaw(b);
    }

    Response readResponse() throws IOException {
        while (true) {
            int first = read();
            if (first == '$') {
                readFrameAfterDollar();
                continue;
            }
            String statusLine = (char) first + readLine();
            String[] parts = statusLine.split(" ", 3);
            if (!parts[0].equals("RTSP/1.0")) {
                throw new IOException("not a response: " + statusLine);
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            String line;
            while (!(line = readLine()).isEmpty()) {
                int colon = line.indexOf(':');
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
            int length = headers.containsKey("content-length") ? Integer.parseInt(headers.get("content-length").get(0)) : 0;
            byte[] body = in.readNBytes(length);
            return new Response(Integer.parseInt(parts[1]), headers, body);
        }
    }

    /**
     * Reads a response head as sent: the status line and the header lines with their original
     * spelling and order. The body, if any, is read and dropped.
     */
    List<String> readRawHead() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        int length = 0;
        while (!(line = readLine()).isEmpty()) {
            lines.add(line);
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        in.readNBytes(length);
        return lines;
    }

    /** Writes text as it is (a hand-made request, a stray response). */
    void writeText(String text) throws IOException {
        writeRaw(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The next interleaved frame, or null when none starts within {@code timeoutMillis}. */
    Frame pollFrame(int timeoutMillis) throws IOException {
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

    /** Reads the next interleaved frame (responses are not expected here). */
    Frame readFrame() throws IOException {
        int first = read();
        if (first != '$') {
            throw new IOException("expected an interleaved frame, got byte " + first);
        }
        return readFrameAfterDollar();
    }

    private Frame readFrameAfterDollar() throws IOException {
        int channel = read();
        int length = (read() << 8) | read();
        return new Frame(channel, in.readNBytes(length));
    }

    /** True when the server closed the connection (read returns end of stream or a reset). */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    Socket socket() {
        return socket;
    }

    private int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("connection closed by the server");
        }
        return b;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = read()) != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
