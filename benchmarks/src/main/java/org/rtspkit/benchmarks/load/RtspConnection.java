package org.rtspkit.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The RTSP/1.0 client of rtspkit's tools (the load tool and the soak driver): blocking requests and
 * their responses, skipping interleaved frames that arrive between them, with the session's id added
 * once a response gave one. The load tool hands the channel and the bytes read past the last response
 * ({@link #leftover()}) to a selector loop once a reader plays; the soak driver goes on blocking, sending
 * and reading interleaved frames here, with reads bounded by {@link #readTimeout}.
 */
final class RtspConnection implements AutoCloseable {
    private static final int MAX_MESSAGE = 64 * 1024;

    private final SocketChannel channel;
    private final String authorization;
    private final String userAgent;
    /** How long a read may wait, in milliseconds; 0 waits as long as it takes. */
    private int readTimeoutMillis;
    private final ByteBuffer in = ByteBuffer.allocate(MAX_MESSAGE);
    private int cseq;
    private String session;

    /** An interleaved frame ({@code $}, channel, 16-bit length, data). */
    record Frame(int channel, byte[] data) {
    }

    /** A response: status, headers by lower-case name, body. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    RtspConnection(URI url) throws IOException {
        this(url, "rtspkit-load");
    }

    /** @param userAgent the {@code User-Agent} of every request, so that a server's log tells the tools apart */
    RtspConnection(URI url, String userAgent) throws IOException {
        this.userAgent = userAgent;
        int port = url.getPort() < 0 ? 554 : url.getPort();
        channel = SocketChannel.open(new InetSocketAddress(url.getHost(), port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        String userInfo = url.getRawUserInfo();
        authorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(
                        java.net.URLDecoder.decode(userInfo, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        in.flip();
    }

    SocketChannel channel() {
        return channel;
    }

    /** The session id of the last response that carried one, without its parameters. */
    String session() {
        return session;
    }

    /** Bytes read past the last response (interleaved frames that followed it), ready to read. */
    ByteBuffer leftover() {
        return in;
    }

    /** The bytes of a request in this connection's session, for sending later without waiting for the answer. */
    byte[] encode(String method, String url) {
        return head(method, url).append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private StringBuilder head(String method, String url) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(method).append(' ').append(url).append(" RTSP/1.0\r\n");
        sb.append("CSeq: ").append(++cseq).append("\r\n");
        sb.append("User-Agent: ").append(userAgent).append("\r\n");
        if (authorization != null) {
            sb.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (session != null) {
            sb.append("Session: ").append(session).append("\r\n");
        }
        return sb;
    }

    Response request(String method, String url, String body, String... headers) throws IOException {
        StringBuilder sb = head(method, url);
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (content.length > 0) {
            sb.append("Content-Length: ").append(content.length).append("\r\n");
        }
        sb.append("\r\n");
        ByteBuffer out = ByteBuffer.allocate(sb.length() + content.length);
        out.put(sb.toString().getBytes(StandardCharsets.UTF_8)).put(content).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        Response r = readResponse();
        String s = r.header("session");
        if (s != null) {
            session = s.split(";")[0].trim();
        }
        return r;
    }

    private Response readResponse() throws IOException {
        while (true) {
            if (in.hasRemaining() && in.get(in.position()) == '$') {
                // An interleaved frame (say an RTCP report) before the response: skip it.
                if (in.remaining() >= 4) {
                    int len = in.getShort(in.position() + 2) & 0xffff;
                    if (in.remaining() >= 4 + len) {
                        in.position(in.position() + 4 + len);
                        continue;
                    }
                }
                fill();
                continue;
            }
            int end = headerEnd();
            if (end < 0) {
                fill();
                continue;
            }
            String head = new String(in.array(), in.position(), end - in.position(), StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (!statusLine[0].startsWith("RTSP/") || statusLine.length < 2) {
                throw new IOException("not an RTSP response: " + lines[0]);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            while (in.limit() - (end + 4) < length) {
                fill();
            }
            String body = new String(in.array(), end + 4, length, StandardCharsets.UTF_8);
            in.position(end + 4 + length);
            return new Response(Integer.parseInt(statusLine[1]), headers, body);
        }
    }

    private int headerEnd() {
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Bounds every later read: a read that waits longer throws {@link SocketTimeoutException}. */
    void readTimeout(Duration timeout) throws IOException {
        readTimeoutMillis = Math.toIntExact(timeout.toMillis());
        channel.socket().setSoTimeout(readTimeoutMillis);
    }

    /** Sends an interleaved frame: a publisher's packet over TCP. */
    void sendFrame(int channelId, byte[] data) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(4 + data.length);
        out.put((byte) '$').put((byte) channelId).putShort((short) data.length).put(data).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    /** The next interleaved frame, or null when the server closed the connection. */
    Frame readFrame() throws IOException {
        while (in.remaining() < 4 || in.remaining() < 4 + (in.getShort(in.position() + 2) & 0xffff)) {
            if (in.hasRemaining() && in.get(in.position()) != '$') {
                throw new IOException("expected an interleaved frame, got byte " + (in.get(in.position()) & 0xff));
            }
            if (read() < 0) {
                return null;
            }
        }
        if (in.get() != '$') {
            throw new IOException("expected an interleaved frame");
        }
        int channelId = in.get() & 0xff;
        byte[] data = new byte[in.getShort() & 0xffff];
        in.get(data);
        return new Frame(channelId, data);
    }

    /** Whether the server closed the connection; waits a millisecond at most, keeping what it reads. */
    boolean closedByServer() throws IOException {
        int before = readTimeoutMillis;
        readTimeout(Duration.ofMillis(1));
        try {
            return read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            readTimeout(Duration.ofMillis(before));
        }
    }

    /** Closes the connection with a TCP reset (SO_LINGER 0) instead of a FIN: a client that vanished. */
    void reset() throws IOException {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        channel.close();
    }

    private void fill() throws IOException {
        if (read() < 0) {
            throw new IOException("the server closed the connection");
        }
    }

    /** Reads what the socket has into the buffer, behind the unread bytes; -1 at the end of the stream. */
    private int read() throws IOException {
        in.compact();
        try {
            if (!in.hasRemaining()) {
                throw new IOException("RTSP message longer than " + MAX_MESSAGE + " bytes");
            }
            if (readTimeoutMillis == 0) {
                return channel.read(in);
            }
            // The socket's stream honours SO_TIMEOUT, which a blocking channel's read does not.
            int n = channel.socket().getInputStream().read(in.array(), in.arrayOffset() + in.position(), in.remaining());
            if (n > 0) {
                in.position(in.position() + n);
            }
            return n;
        } finally {
            in.flip();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
