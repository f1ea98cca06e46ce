package org.rtspkit.stream.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * RTSPS: TLS over a non-blocking socket with the JDK's {@link SSLEngine}. Handshake messages are
 * produced and consumed as a side effect of reads and writes; the connection only sees plain bytes.
 * Delegated tasks run inline: they are short and only happen during a handshake.
 */
final class TlsIo implements NetIo {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    /** Encrypted bytes read from the socket, in write mode. */
    private ByteBuffer netIn;
    /** Encrypted bytes waiting for the socket, in write mode. */
    private ByteBuffer netOut;
    private boolean inputClosed;

    TlsIo(SocketChannel channel, SSLEngine engine) throws SSLException {
        this.channel = channel;
        this.engine = engine;
        engine.setUseClientMode(false);
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        engine.beginHandshake();
    }

    /** The largest plain record, so that the connection sizes its input buffer to hold one. */
    int applicationBufferSize() {
        return engine.getSession().getApplicationBufferSize();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = inputClosed ? -1 : channel.read(netIn);
        if (n < 0) {
            inputClosed = true;
        }
        int produced = unwrapInto(dst);
        if (produced == 0 && inputClosed && netIn.position() == 0) {
            return -1;
        }
        return produced;
    }

    private int unwrapInto(ByteBuffer dst) throws IOException {
        int produced = 0;
        netIn.flip();
        try {
            while (true) {
                SSLEngineResult r = engine.unwrap(netIn, dst);
                produced += r.bytesProduced();
                switch (r.getStatus()) {
                    case CLOSED:
                        inputClosed = true;
                        return produced;
                    case BUFFER_UNDERFLOW:
                        // A partial record: compact() below moves it to the front. netIn is in read
                        // mode here, so grow only when one record fills the whole buffer, keeping
                        // the unread bytes.
                        if (netIn.position() == 0 && netIn.limit() == netIn.capacity()) {
                            netIn = ByteBuffer.allocate(netIn.capacity() + engine.getSession().getPacketBufferSize())
                                    .put(netIn).flip();
                        }
                        return produced;
                    case BUFFER_OVERFLOW:
                        // The caller's buffer is full: the rest stays in netIn (hasBufferedInput).
                        return produced;
                    default:
                        break;
                }
                if (!handshake(r.getHandshakeStatus())) {
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                        return produced;
                    }
                }
                if (!netIn.hasRemaining()) {
                    return produced;
                }
            }
        } finally {
            netIn.compact();
        }
    }

    /** Advances a handshake; true when it did something. */
    private boolean handshake(SSLEngineResult.HandshakeStatus status) throws IOException {
        boolean progressed = false;
        while (true) {
            switch (status) {
                case NEED_TASK:
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                    status = engine.getHandshakeStatus();
                    progressed = true;
                    break;
                case NEED_WRAP:
                    SSLEngineResult w = wrap(EMPTY);
                    status = w.getHandshakeStatus();
                    progressed = true;
                    if (w.getStatus() == SSLEngineResult.Status.CLOSED) {
                        return true;
                    }
                    break;
                default:
                    return progressed;
            }
        }
    }

    private SSLEngineResult wrap(ByteBuffer src) throws IOException {
        while (true) {
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                flushNet();
                return r;
            }
            netOut = grow(netOut, engine.getSession().getPacketBufferSize());
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        flushNet();
        int consumed = 0;
        // Keep at most a few records queued beyond what the socket takes, as the plain output does.
        while (src.hasRemaining() && netOut.position() < 4 * engine.getSession().getPacketBufferSize()) {
            SSLEngineResult r = engine.wrap(src, netOut);
            consumed += r.bytesConsumed();
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = grow(netOut, engine.getSession().getPacketBufferSize());
                continue;
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new IOException("TLS session closed");
            }
            handshake(r.getHandshakeStatus());
            if (r.bytesConsumed() == 0) {
                break;
            }
        }
        flushNet();
        // Also lets a handshake that is waiting to send (after a read) make progress on OP_WRITE.
        handshake(engine.getHandshakeStatus());
        return consumed;
    }

    private void flushNet() throws IOException {
        if (netOut.position() == 0) {
            return;
        }
        netOut.flip();
        try {
            channel.write(netOut);
        } finally {
            netOut.compact();
        }
    }

    @Override
    public boolean hasPendingOutput() {
        return netOut.position() > 0;
    }

    @Override
    public boolean hasBufferedInput() {
        return netIn.position() > 0 && !inputClosed;
    }

    private static ByteBuffer grow(ByteBuffer b, int extra) {
        ByteBuffer bigger = ByteBuffer.allocate(b.capacity() + extra);
        b.flip();
        bigger.put(b);
        return bigger;
    }
}
