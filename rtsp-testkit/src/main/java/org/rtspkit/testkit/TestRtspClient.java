package org.rtspkit.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Just enough of an RTSP client to read or publish a stream over TCP in a test: requests with a CSeq
 * (and a body, for ANNOUNCE), responses with a Content-Length body, then interleaved frames. Every
 * read is bounded by the socket timeout.
 */
public final class TestRtspClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int cseq;

    public record Response(int status, Map<String, String> headers, String body) {
        /** A header's value, by case-insensitive name; null when absent. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public record Frame(int channel, byte[] data) {
    }

    public TestRtspClient(InetSocketAddress server) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout(10_000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = socket.getOutputStream();
    }

    public Response request(String method, String url, String... headers) throws IOException {
        return requestWithBody(method, url, "", headers);
    }

    /** A request with a body (an SDP for ANNOUNCE); Content-Length is added when the body is not empty. */
    public Response requestWithBody(String method, String url, String body, String... headers) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(method).append(' ').append(url).append(" RTSP/1.0\r\n")
                .append("CSeq: ").append(++cseq).append("\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        if (content.length > 0) {
            b.append("Content-Length: ").append(content.length).append("\r\n");
        }
        out.write(b.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();

        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].equals("RTSP/1.0")) {
            throw new IOException("not an RTSP response: " + statusLine);
        }
        Map<String, String> fields = new TreeMap<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            fields.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        byte[] received = new byte[Integer.parseInt(fields.getOrDefault("content-length", "0"))];
        in.readFully(received);
        return new Response(Integer.parseInt(parts[1]), fields, new String(received, StandardCharsets.UTF_8));
    }

    /** Sends an interleaved frame ({@code $}, channel, 16-bit length, data). */
    public void send(int channel, byte[] data) throws IOException {
        byte[] frame = new byte[4 + data.length];
        frame[0] = '$';
        frame[1] = (byte) channel;
        frame[2] = (byte) (data.length >>> 8);
        frame[3] = (byte) data.length;
        System.arraycopy(data, 0, frame, 4, data.length);
        out.write(frame);
        out.flush();
    }

    /** The next interleaved frame ({@code $}, channel, 16-bit length, data). */
    public Frame frame() throws IOException {
        int magic = in.readUnsignedByte();
        if (magic != '$') {
            throw new IOException("expected an interleaved frame, got byte " + magic);
        }
        int channel = in.readUnsignedByte();
        byte[] data = new byte[in.readUnsignedShort()];
        in.readFully(data);
        return new Frame(channel, data);
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed in the middle of a response");
            }
            if (c == '\n') {
                String s = b.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
