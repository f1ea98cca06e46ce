package org.rtspkit.stream.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.ServerConnection;
import org.rtspkit.api.ServerSession;
import org.rtspkit.spi.ControlChannel;
import org.rtspkit.protocol.rtsp.Authenticator;
import org.rtspkit.protocol.rtsp.ProtocolException;
import org.rtspkit.protocol.rtsp.RequestDecoder;
import org.rtspkit.protocol.rtsp.ResponseEncoder;

/**
 * One RTSP connection. Its socket is served by one {@link IoLoop}: reads, response writes and, for TCP
 * sessions, interleaved media all happen on that thread, so the output buffer needs no lock. Requests
 * are handled in order on a worker ({@link SerialExecutor}); reading pauses while one is in progress.
 */
final class Connection implements ServerConnection, ControlChannel, IoLoop.SelectableHandler, RequestDecoder.Listener {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    /** Interleaved frames may fill the output up to this many bytes; beyond it a TCP reader's queue holds them. */
    static final int FRAME_OUTPUT_LIMIT = 64 * 1024;
    /**
     * The decoder keeps partial requests and large frames itself, so a fixed buffer holding the longest
     * legal line is enough; this size lets most frames be handed out without a copy.
     */
    private static final int INPUT_SIZE = 16 * 1024;

    private final Server server;
    private final IoLoop loop;
    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final SerialExecutor requests;
    private final RequestDecoder decoder = new RequestDecoder();
    private final Authenticator authenticator = new Authenticator();
    private final Map<Integer, InterleavedReceiver> interleaved = new ConcurrentHashMap<>();
    private final Set<SessionOutput> waitingOutputs = new LinkedHashSet<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private SelectionKey key;
    private final ByteBuffer input;
    private final NetIo io;
    private final String refusal;
    private ByteBuffer output = ByteBuffer.allocate(8192);
    private int requestsInFlight;
    private long stalledSinceNanos;
    /** When the request being received began; 0 when none is half-read. */
    private long partialSinceNanos;
    private Throwable closeAfterFlush;
    private volatile boolean interleavedMode;
    private volatile long lastReadNanos = System.nanoTime();
    private volatile long readDeadlineNanos;
    private volatile Session session;
    private volatile Object userData;
    private volatile long inboundBytes;
    private volatile long outboundBytes;

    /**
     * @param refusal why every request on this connection is answered 503 (a limit was reached), or null
     */
    Connection(Server server, IoLoop loop, SocketChannel channel, NetIo io, String refusal) throws IOException {
        this.server = server;
        this.refusal = refusal;
        this.loop = loop;
        this.channel = channel;
        this.io = io;
        // A TLS record is a little larger than 16 KiB once decrypted; the buffer must hold one.
        this.input = ByteBuffer.allocate(io instanceof TlsIo tls ? Math.max(INPUT_SIZE, tls.applicationBufferSize())
                : INPUT_SIZE);
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.requests = new SerialExecutor(server.workers());
        this.readDeadlineNanos = server.config().idleTimeout().toNanos();
    }

    IoLoop loop() {
        return loop;
    }

    /** Non-null when the connection was accepted over a limit: its requests get 503 with this reason. */
    String refusal() {
        return refusal;
    }

    /** Runs on the loop: registers the socket for reading. */
    void register() {
        try {
            channel.configureBlocking(false);
            key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        } catch (IOException e) {
            close(e);
        }
    }

    // ---- reading

    @Override
    public void onReady(SelectionKey k) {
        if (!k.isValid()) {
            return;
        }
        if (k.isWritable()) {
            flushOutput(null);
        }
        if (k.isValid() && k.isReadable()) {
            read();
        }
    }

    private void read() {
        try {
            int n = io.read(input);
            if (n < 0) {
                close(null);
                return;
            }
            inboundBytes += n;
            decodeInput();
            // TLS can hold whole records that did not fit: no read event will announce them again.
            while (io.hasBufferedInput() && !closed.get() && input.hasRemaining()
                    && (n = io.read(input)) > 0) {
                inboundBytes += n;
                decodeInput();
            }
        } catch (IOException | RuntimeException e) {
            close(e);
        }
    }

    private void decodeInput() {
        input.flip();
        try {
            decoder.decode(input, this);
        } finally {
            input.compact();
        }
        if (!decoder.inRequest()) {
            partialSinceNanos = 0;
        } else if (partialSinceNanos == 0) {
            partialSinceNanos = System.nanoTime();
        }
    }

    @Override
    public void request(RtspRequest request) {
        // The read deadline counts from the last whole request or frame, not the last byte, so that a
        // client trickling junk or a never-ending frame cannot keep its connection forever.
        lastReadNanos = System.nanoTime();
        requestsInFlight++;
        updateInterest();
        requests.execute(() -> server.processor().process(this, request));
    }

    @Override
    public void frame(int channelId, byte[] data, int offset, int length) {
        lastReadNanos = System.nanoTime();
        if (!interleavedMode) {
            throw new ProtocolException(400, "received unexpected interleaved frame");
        }
        InterleavedReceiver receiver = interleaved.get(channelId);
        if (receiver != null) {
            receiver.frame(data, offset, length);
        }
    }

    // ---- writing

    /**
     * Called by a worker with the outcome of a request: writes the response, then runs {@code afterWrite}
     * (for example, starting a TCP reader, whose packets must follow the PLAY response), then closes the
     * connection if {@code closeError} is set.
     */
    void respond(RtspResponse response, Runnable afterWrite, Throwable closeError) {
        byte[] bytes = ResponseEncoder.encode(response);
        loop.execute(() -> {
            if (closed.get()) {
                return;
            }
            append(bytes, 0, bytes.length);
            if (afterWrite != null) {
                try {
                    afterWrite.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "unexpected error after a response", e);
                }
            }
            requestsInFlight--;
            if (closeError != null) {
                closeAfterFlush = closeError;
            }
            flushOutput(null);
            if (!closed.get()) {
                updateInterest();
                // Requests that arrived while this one was handled are still in the input buffer.
                if (requestsInFlight == 0 && input.position() > 0 && closeAfterFlush == null
                        && output.position() < FRAME_OUTPUT_LIMIT) {
                    try {
                        decodeInput();
                    } catch (RuntimeException e) {
                        close(e);
                    }
                }
            }
        });
    }

    private void append(byte[] data, int offset, int length) {
        if (output.remaining() < length) {
            int needed = output.position() + length;
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, output.capacity() * 2));
            output.flip();
            bigger.put(output);
            output = bigger;
        }
        output.put(data, offset, length);
    }

    @Override
    public int writableBytes() {
        return Math.max(0, FRAME_OUTPUT_LIMIT - output.position());
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        append(data, offset, length);
    }

    /**
     * Writes what the output holds. {@code waiter}, when given, is an output that could not append
     * and is scheduled again once everything has been written. Runs on the loop.
     */
    void flushOutput(SessionOutput waiter) {
        if (closed.get()) {
            return;
        }
        if (waiter != null) {
            waitingOutputs.add(waiter);
        }
        try {
            if (output.position() > 0 || io.hasPendingOutput()) {
                output.flip();
                int n = io.write(output);
                outboundBytes += n;
                output.compact();
            }
        } catch (IOException e) {
            close(e);
            return;
        }
        if (output.position() > 0 || io.hasPendingOutput()) {
            if (stalledSinceNanos == 0) {
                stalledSinceNanos = System.nanoTime();
            }
            updateInterest();
            return;
        }
        stalledSinceNanos = 0;
        if (closeAfterFlush != null) {
            close(closeAfterFlush);
            return;
        }
        updateInterest();
        // Requests held back while the output was full.
        if (requestsInFlight == 0 && input.position() > 0) {
            try {
                decodeInput();
            } catch (RuntimeException e) {
                close(e);
                return;
            }
        }
        if (!waitingOutputs.isEmpty()) {
            List<SessionOutput> resume = new ArrayList<>(waitingOutputs);
            waitingOutputs.clear();
            resume.forEach(SessionOutput::resume);
        }
    }

    private void updateInterest() {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = 0;
        // A client that does not read its responses is not read either: its output stays bounded.
        if (requestsInFlight == 0 && closeAfterFlush == null && output.position() < FRAME_OUTPUT_LIMIT) {
            ops |= SelectionKey.OP_READ;
        }
        if (output.position() > 0 || io.hasPendingOutput()) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** Runs on the loop: enforces the read deadline of the current mode and the write timeout. */
    void checkTimeouts(long nowNanos) {
        if (closed.get()) {
            return;
        }
        if (stalledSinceNanos != 0 && nowNanos - stalledSinceNanos > server.config().writeTimeout().toNanos()) {
            close(new IOException("write timed out after " + server.config().writeTimeout().toMillis() + " ms"));
            return;
        }
        // A request trickling in byte by byte keeps the connection "active" but must still complete.
        if (partialSinceNanos != 0 && nowNanos - partialSinceNanos > server.config().readTimeout().toNanos()) {
            close(new IOException("request not completed within " + server.config().readTimeout().toMillis() + " ms"));
            return;
        }
        long deadline = readDeadlineNanos;
        if (deadline > 0 && requestsInFlight == 0 && nowNanos - lastReadNanos > deadline) {
            close(new IOException("read timed out: nothing received for " + deadline / 1_000_000 + " ms"));
        }
    }

    // ---- modes, set by the request processor

    /**
     * Switches between request mode and media mode. In media mode interleaved frames are accepted and
     * the read deadline is the given one (0 = none).
     */
    void setMode(boolean interleavedFrames, long readDeadline) {
        this.interleavedMode = interleavedFrames;
        this.readDeadlineNanos = readDeadline;
    }

    // ---- ControlChannel

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void onInterleaved(int channelId, InterleavedReceiver receiver) {
        interleaved.put(channelId, receiver);
    }

    @Override
    public void removeInterleaved(int channelId) {
        interleaved.remove(channelId);
    }

    // ---- ServerConnection

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public Optional<ServerSession> session() {
        return Optional.ofNullable(session);
    }

    Session boundSession() {
        return session;
    }

    void bind(Session s) {
        this.session = s;
    }

    @Override
    public long inboundBytes() {
        return inboundBytes;
    }

    @Override
    public long outboundBytes() {
        return outboundBytes;
    }

    @Override
    public boolean verifyCredentials(RtspRequest request, String user, String pass) {
        return authenticator.verify(request, request.uri(), user, pass, server.config().authMethods());
    }

    Authenticator authenticator() {
        return authenticator;
    }

    @Override
    public void setUserData(Object data) {
        this.userData = data;
    }

    @Override
    public Object userData() {
        return userData;
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        closeAsync(null);
    }

    /** Closes from any thread. */
    void closeAsync(Throwable error) {
        if (loop.inLoop()) {
            close(error);
        } else {
            loop.execute(() -> close(error));
        }
    }

    /** Runs on the loop. */
    private void close(Throwable error) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing connection", e);
        }
        waitingOutputs.clear();
        interleaved.clear();
        if (error != null) {
            LOG.log(System.Logger.Level.DEBUG, () -> "connection " + remote + " closed: " + error);
        }
        // Session bookkeeping and the application callback run off the loop: they may block.
        requests.execute(() -> server.connectionClosed(this, error));
    }

    @Override
    public String toString() {
        return "connection " + remote;
    }
}
