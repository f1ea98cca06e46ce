package org.rtspkit.stream.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerConnection;
import org.rtspkit.api.ServerSession;
import org.rtspkit.protocol.rtsp.Authenticator;
import org.rtspkit.protocol.rtsp.RequestDecoder;
import org.rtspkit.protocol.rtsp.ResponseEncoder;
import org.rtspkit.spi.ControlChannel;

/**
 * One RTSP connection: its socket, the decoding of requests and interleaved frames, and its deadlines.
 * The socket is served by one {@link IoLoop}: reads, response writes and, for TCP sessions, interleaved
 * media all happen on that thread, so the {@link ConnectionOutput} needs no lock. Requests are handed
 * to the {@link ConnectionListener} in order on a worker ({@link SerialExecutor}); reading pauses while
 * one is in progress.
 */
public final class Connection implements ServerConnection, ControlChannel, IoLoop.SelectableHandler,
        RequestDecoder.Listener {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    /**
     * The decoder keeps partial requests and large frames itself, so a fixed buffer holding the longest
     * legal line is enough; this size lets most frames be handed out without a copy.
     */
    private static final int INPUT_SIZE = 16 * 1024;

    private final ConnectionListener listener;
    private final ServerConfig config;
    private final IoLoop loop;
    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final SerialExecutor requests;
    private final RequestDecoder decoder = new RequestDecoder();
    private final Authenticator authenticator = new Authenticator();
    private final InterleavedDemux interleaved = new InterleavedDemux();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ByteBuffer input;
    private final NetIo io;
    private final ConnectionOutput output;
    private final String refusal;
    private SelectionKey key;
    private final ConnectionDeadlines deadlines;
    private int requestsInFlight;
    private Throwable closeAfterFlush;
    private volatile ServerSession session;
    private volatile Object userData;
    private volatile long inboundBytes;

    /**
     * @param tls     the server's TLS context (RTSPS), or null for plain RTSP
     * @param workers where requests are handled
     * @param refusal why every request on this connection is answered 503 (a limit was reached), or null
     */
    public Connection(ConnectionListener listener, ServerConfig config, IoLoop loop, SocketChannel channel,
                      SSLContext tls, Executor workers, String refusal) throws IOException {
        this.listener = listener;
        this.config = config;
        this.refusal = refusal;
        this.loop = loop;
        this.channel = channel;
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
        if (tls == null) {
            this.io = new PlainIo(channel);
            this.input = ByteBuffer.allocate(INPUT_SIZE);
        } else {
            TlsIo t = new TlsIo(channel, tls.createSSLEngine(remote.getHostString(), remote.getPort()));
            this.io = t;
            // A TLS record is a little larger than 16 KiB once decrypted; the buffer must hold one.
            this.input = ByteBuffer.allocate(Math.max(INPUT_SIZE, t.applicationBufferSize()));
        }
        this.output = new ConnectionOutput(io);
        this.requests = new SerialExecutor(workers);
        this.deadlines = new ConnectionDeadlines(config);
    }

    public IoLoop loop() {
        return loop;
    }

    /** Non-null when the connection was accepted over a limit: its requests get 503 with this reason. */
    public String refusal() {
        return refusal;
    }

    /** Runs on the loop: registers the socket for reading. */
    public void register() {
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
        deadlines.partialRequest(decoder.inRequest());
    }

    /** Requests that arrived while another was handled wait in the input buffer: decode them now. */
    private void decodeHeldRequests() {
        if (requestsInFlight == 0 && input.position() > 0 && closeAfterFlush == null && output.belowLimit()) {
            try {
                decodeInput();
            } catch (RuntimeException e) {
                close(e);
            }
        }
    }

    @Override
    public void request(RtspRequest request) {
        deadlines.messageRead();
        requestsInFlight++;
        updateInterest();
        requests.execute(() -> listener.request(this, request));
    }

    @Override
    public void frame(int channelId, byte[] data, int offset, int length) {
        deadlines.messageRead();
        interleaved.frame(channelId, data, offset, length);
    }

    // ---- writing

    /**
     * Called by a worker with the outcome of a request: writes the response, then runs its
     * {@code afterWrite} (for example, starting a TCP reader, whose packets must follow the PLAY
     * response), then closes the connection if the outcome carries an error.
     */
    public void respond(Outcome outcome) {
        byte[] bytes = ResponseEncoder.encode(outcome.response());
        loop.execute(() -> {
            if (closed.get()) {
                // The state change the response announces happened all the same: a UDP session that
                // started playing or recording outlives its connection, and its media starts.
                runAfterWrite(outcome);
                return;
            }
            output.append(bytes, 0, bytes.length);
            runAfterWrite(outcome);
            requestsInFlight--;
            if (outcome.closeError() != null) {
                closeAfterFlush = outcome.closeError();
            }
            flushOutput(null);
            if (!closed.get()) {
                updateInterest();
                decodeHeldRequests();
            }
        });
    }

    private static void runAfterWrite(Outcome outcome) {
        if (outcome.afterWrite() != null) {
            try {
                outcome.afterWrite().run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "unexpected error after a response", e);
            }
        }
    }

    @Override
    public int writableBytes() {
        return output.writableBytes();
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        output.append(data, offset, length);
    }

    /**
     * Writes what the output holds. {@code waiter}, when given, is a session output that could not
     * append and is scheduled again once everything has been written. Runs on the loop.
     */
    public void flushOutput(SessionOutput waiter) {
        if (closed.get()) {
            return;
        }
        if (waiter != null) {
            output.await(waiter);
        }
        boolean done;
        try {
            done = output.flush();
        } catch (IOException e) {
            close(e);
            return;
        }
        if (!done) {
            updateInterest();
            return;
        }
        if (closeAfterFlush != null) {
            close(closeAfterFlush);
            return;
        }
        updateInterest();
        // Requests held back while the output was full.
        decodeHeldRequests();
        output.resumeWaiting();
    }

    private void updateInterest() {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = 0;
        // A client that does not read its responses is not read either: its output stays bounded.
        if (requestsInFlight == 0 && closeAfterFlush == null && output.belowLimit()) {
            ops |= SelectionKey.OP_READ;
        }
        if (output.hasPending()) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** Runs on the loop: enforces the read deadline of the current mode and the write timeout. */
    public void checkTimeouts(long nowNanos) {
        if (closed.get()) {
            return;
        }
        IOException expired = deadlines.expired(nowNanos, output.stalledSinceNanos(), requestsInFlight > 0);
        if (expired != null) {
            close(expired);
        }
    }

    /**
     * Switches between request mode and media mode. In media mode interleaved frames are accepted and
     * the read deadline is the given one (0 = none). Runs on the loop, right after a response is written.
     */
    public void setMode(boolean interleavedFrames, long readDeadline) {
        interleaved.mediaMode(interleavedFrames);
        deadlines.readDeadline(readDeadline);
    }

    // ---- ControlChannel

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void onInterleaved(int channelId, InterleavedReceiver receiver) {
        interleaved.register(channelId, receiver);
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

    /** The session this connection's requests use, or null; only the session registry binds it. */
    public ServerSession boundSession() {
        return session;
    }

    public void bind(ServerSession s) {
        this.session = s;
    }

    @Override
    public long inboundBytes() {
        return inboundBytes;
    }

    @Override
    public long outboundBytes() {
        return output.bytesWritten();
    }

    @Override
    public boolean verifyCredentials(RtspRequest request, String user, String pass) {
        return authenticator.verify(request, request.uri(), user, pass, config.authMethods());
    }

    /** The connection's digest nonce and checks: one nonce per connection. */
    public Authenticator authenticator() {
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

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        closeAsync(null);
    }

    /** Closes from any thread. */
    public void closeAsync(Throwable error) {
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
        output.discard();
        interleaved.clear();
        if (error != null) {
            LOG.log(System.Logger.Level.DEBUG, () -> "connection " + remote + " closed: " + error);
        }
        // Session bookkeeping and the application callback run off the loop: they may block.
        requests.execute(() -> listener.closed(this, error));
    }

    @Override
    public String toString() {
        return "connection " + remote;
    }
}
