package org.rtspkit.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.client.ClientConfig;
import org.rtspkit.client.RtspClientException;
import org.rtspkit.client.RtspTimeoutException;
import org.rtspkit.protocol.rtsp.ProtocolException;
import org.rtspkit.protocol.rtsp.RequestEncoder;
import org.rtspkit.protocol.rtsp.ResponseDecoder;

/**
 * One RTSP connection to a server, plain or TLS: requests written by the caller's thread, and one
 * reader thread that decodes responses and interleaved frames. Every wait has a deadline: a request
 * waits at most its timeout for the response, and a write that stays blocked is cut by
 * {@link #checkWriteDeadline}, which the client's timer calls.
 */
public final class Connection implements AutoCloseable {
    /** Where interleaved frames go, on the reader thread; the payload is valid during the call only. */
    public interface FrameSink {
        /**
         * A frame.
         *
         * @param channel the channel byte
         * @param array the buffer holding the payload
         * @param offset where the payload starts
         * @param length the payload's length
         */
        void frame(int channel, byte[] array, int offset, int length);
    }

    /**
     * A response as received.
     *
     * @param response status, headers and body
     * @param reason the reason phrase as the server wrote it
     */
    public record Received(RtspResponse response, String reason) {
        /**
         * The status code.
         *
         * @return the status
         */
        public int status() {
            return response.status();
        }

        /**
         * A header's first value, or null.
         *
         * @param name the header's name
         * @return its first value, or null
         */
        public String header(String name) {
            return response.headers().first(name).orElse(null);
        }
    }

    private static final int READ_BUFFER = 4 + 0xFFFF;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String server;
    private final ResponseDecoder decoder;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Object writeLock = new Object();
    private final AtomicLong framesReceived = new AtomicLong();
    private final Consumer<RtspClientException> onBroken;
    private final Thread reader;
    private volatile FrameSink frames;
    private volatile long writeStartedNanos;
    private volatile boolean writeTimedOut;
    private volatile boolean closed;
    private volatile long lastReadNanos = System.nanoTime();
    private volatile String partial = "";

    private Connection(Socket socket, String server, ClientConfig config, Consumer<RtspClientException> onBroken)
            throws IOException {
        this.socket = socket;
        this.server = server;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.onBroken = onBroken;
        this.decoder = new ResponseDecoder(config.maxResponseHeadBytes(), config.maxResponseBodyBytes());
        this.reader = new Thread(this::readLoop, "rtspkit-client-reader " + server);
        reader.setDaemon(true);
    }

    /**
     * Connects, and for TLS shakes hands, within the configured connect timeout.
     *
     * @param host the server's host
     * @param port the server's port
     * @param tls whether to speak TLS (RTSPS)
     * @param server how the server is named in messages (a URL without credentials)
     * @param config the client's settings
     * @param onBroken told when the connection breaks while nobody waits for a response
     * @return the open connection, its reader running
     * @throws RtspClientException when the server cannot be reached in time
     */
    public static Connection open(String host, int port, boolean tls, String server, ClientConfig config,
                                  Consumer<RtspClientException> onBroken) {
        int connectMillis = millis(config.connectTimeout());
        Socket plain = new Socket();
        try {
            InetAddress address = InetAddress.getByName(host);
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(address, port), connectMillis);
            Socket socket = plain;
            if (tls) {
                SSLSocket ssl = (SSLSocket) Tls.socketFactory(config).createSocket(plain, host, port, true);
                if (config.tlsVerify()) {
                    SSLParameters params = ssl.getSSLParameters();
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                    ssl.setSSLParameters(params);
                }
                ssl.setSoTimeout(connectMillis);
                ssl.startHandshake();
                ssl.setSoTimeout(0);
                socket = ssl;
            }
            Connection c = new Connection(socket, server, config, onBroken);
            c.reader.start();
            return c;
        } catch (UnknownHostException e) {
            closeQuietly(plain);
            throw new RtspClientException("cannot connect to " + server + ": unknown host '" + host + "'", e);
        } catch (SocketTimeoutException e) {
            closeQuietly(plain);
            throw new RtspTimeoutException("cannot connect to " + server + ": no answer within "
                    + config.connectTimeout().toMillis() + " ms (connectTimeout)" + (tls ? " (TLS handshake)" : ""));
        } catch (SSLException e) {
            closeQuietly(plain);
            throw new RtspClientException("cannot connect to " + server + ": TLS handshake failed: " + e.getMessage()
                    + (config.tlsVerify() ? " (tlsVerify is on: the certificate must be trusted by tlsContext)" : ""), e);
        } catch (IOException e) {
            closeQuietly(plain);
            throw new RtspClientException("cannot connect to " + server + ": " + e.getMessage(), e);
        }
    }

    /**
     * Routes interleaved frames; null drops them (they are still counted).
     *
     * @param sink where frames go
     */
    public void frames(FrameSink sink) {
        this.frames = sink;
    }

    /**
     * Sends a request and waits for the response with the same CSeq.
     *
     * @param request the request, with its CSeq header
     * @param what how the request is named in messages ({@code "DESCRIBE rtsp://host/path"})
     * @param timeout the deadline for the whole response
     * @return the response
     * @throws RtspTimeoutException when no complete response arrives in time; the connection is closed
     * @throws RtspClientException when the connection breaks or the response is malformed
     */
    public Received exchange(RtspRequest request, String what, Duration timeout) {
        Object stale;
        while ((stale = inbox.poll()) != null) {
            if (stale instanceof RtspClientException e) {
                throw new RtspClientException(what + ": " + e.getMessage(), e);
            }
        }
        if (closed) {
            throw new RtspClientException(what + ": the connection to " + server + " is closed");
        }
        long framesBefore = framesReceived.get();
        write(RequestEncoder.encode(request), what);
        String cseq = request.cseq().orElse(null);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object item;
            try {
                item = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new RtspClientException(what + ": interrupted while waiting for the response");
            }
            if (item == null) {
                String progress = partial;
                long frames = framesReceived.get() - framesBefore;
                close();
                throw new RtspTimeoutException(what + ": no response from " + server + " within " + timeout.toMillis()
                        + " ms (readTimeout)" + (progress.isEmpty() ? "" : "; it stopped in the middle of " + progress)
                        + (frames > 0 ? "; " + frames + " interleaved frames arrived instead" : ""));
            }
            if (item instanceof RtspClientException e) {
                throw new RtspClientException(what + ": " + e.getMessage(), e);
            }
            Received r = (Received) item;
            String got = r.header("CSeq");
            if (cseq == null || got == null || got.strip().equals(cseq)) {
                return r;
            }
            // A late answer to an earlier request: skip it.
        }
    }

    /**
     * Writes an interleaved frame in one write.
     *
     * @param channel the channel
     * @param payload the packet
     * @param length how many bytes of {@code payload} to send
     * @throws RtspClientException when the write fails or times out
     */
    public void writeFrame(int channel, byte[] payload, int length) {
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("an interleaved frame carries at most 65535 bytes, not " + length);
        }
        byte[] frame = new byte[4 + length];
        frame[0] = '$';
        frame[1] = (byte) channel;
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        System.arraycopy(payload, 0, frame, 4, length);
        write(frame, "interleaved frame on channel " + channel);
    }

    private void write(byte[] bytes, String what) {
        synchronized (writeLock) {
            writeStartedNanos = System.nanoTime();
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                close();
                if (writeTimedOut) {
                    throw new RtspTimeoutException(what + ": writing to " + server + " stayed blocked past writeTimeout");
                }
                throw new RtspClientException(what + ": writing to " + server + " failed: " + e.getMessage(), e);
            } finally {
                writeStartedNanos = 0;
            }
        }
    }

    /**
     * Closes the connection when a write has been blocked longer than the timeout.
     *
     * @param timeout the write timeout
     * @return true when it closed the connection
     */
    public boolean checkWriteDeadline(Duration timeout) {
        long started = writeStartedNanos;
        if (started != 0 && System.nanoTime() - started > timeout.toNanos()) {
            writeTimedOut = true;
            close();
            return true;
        }
        return false;
    }

    /**
     * When the last bytes arrived.
     *
     * @return a {@link System#nanoTime()} value
     */
    public long lastReadNanos() {
        return lastReadNanos;
    }

    /**
     * The local address of the connection (to pick the interface multicast groups are joined on).
     *
     * @return the local address
     */
    public InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    /**
     * The server's address.
     *
     * @return the remote address
     */
    public InetAddress remoteAddress() {
        return socket.getInetAddress();
    }

    /**
     * Whether the connection is closed.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(socket);
    }

    /** Waits a little for the reader thread to end, so no thread outlives its client. */
    void join(Duration timeout) {
        try {
            reader.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes and waits for the reader thread to end.
     *
     * @param timeout the longest wait
     */
    public void closeAndJoin(Duration timeout) {
        close();
        if (Thread.currentThread() != reader) {
            join(timeout);
        }
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
        ResponseDecoder.Listener listener = new ResponseDecoder.Listener() {
            @Override
            public void frame(int channel, byte[] array, int offset, int length) {
                framesReceived.incrementAndGet();
                FrameSink sink = frames;
                if (sink != null) {
                    sink.frame(channel, array, offset, length);
                }
            }

            @Override
            public void response(RtspResponse response, String reason) {
                inbox.add(new Received(response, reason));
            }
        };
        RtspClientException failure;
        try {
            while (true) {
                if (!buffer.hasRemaining()) {
                    throw new ProtocolException(400, "a line of the response is longer than " + READ_BUFFER + " bytes");
                }
                int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                if (n < 0) {
                    String item = decoder.partialItem();
                    failure = new RtspClientException(item.isEmpty() ? "the server " + server + " closed the connection"
                            : "the server " + server + " closed the connection in the middle of " + item);
                    break;
                }
                lastReadNanos = System.nanoTime();
                buffer.position(buffer.position() + n);
                buffer.flip();
                try {
                    decoder.decode(buffer, listener);
                } finally {
                    buffer.compact();
                }
                partial = decoder.partialItem();
            }
        } catch (ProtocolException e) {
            failure = new RtspClientException("invalid response from " + server + ": " + e.getMessage(), e);
        } catch (IOException e) {
            failure = closed ? new RtspClientException("the connection to " + server + " was closed")
                    : new RtspClientException("reading from " + server + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            failure = new RtspClientException("handling data from " + server + " failed: " + e, e);
        }
        boolean wasClosed = closed;
        close();
        inbox.add(failure);
        if (!wasClosed) {
            onBroken.accept(failure);
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
