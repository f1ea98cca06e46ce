package org.rtspkit.examples;

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
 * Just enough of an RTSP client to read a stream over TCP in a test: requests with a CSeq, responses
 * with a Content-Length body, then interleaved frames. Every read is bounded by the socket timeout.
 */
final class MiniRtspClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int cseq;

    record Response(int status, Map<String, String> headers, String body) {
        /** A header's value, by case-insensitive name; null when absent. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    record Frame(int channel, byte[] data) {
    }

    MiniRtspClient(InetSocketAddress server) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout(10_000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = socket.getOutputStream();
    }

    Response request(String method, String url, String... headers) throws IOException {
        StringBuilder b = new StringBuilder(method).append(' ').append(url).append(" RTSP/1.0\r\n")
                .append("CSeq: ").append(++cseq).append("\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        out.write(b.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
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
        byte[] body = new byte[Integer.parseInt(fields.getOrDefault("content-length", "0"))];
        in.readFully(body);
        return new Response(Integer.parseInt(parts[1]), fields, new String(body, StandardCharsets.UTF_8));
    }

    /** The next interleaved frame ({@code $}, channel, 16-bit length, data). */
    Frame frame() throws IOException {
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
