package org.rtspkit.benchmarks.jmh;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.BindRequest;
import org.rtspkit.spi.MediaBinding;
import org.rtspkit.spi.MediaTransport;
import org.rtspkit.spi.PacketSink;
import org.rtspkit.spi.PortPair;
import org.rtspkit.spi.TransportProvider;
import org.rtspkit.spi.TransportSpec;

/**
 * A UDP transport whose sinks copy each packet into memory instead of a socket, so that a benchmark
 * measures the engine's fan-out (queues, I/O loops, pooling) without the kernel's send cost.
 *
 * <p>It is on the benchmarks' class path for every program there, so it stays out of the way
 * (lowest priority) unless {@value #ENABLE} is set, which {@link FanOutBenchmark}'s forks do.
 */
public final class MemoryTransportProvider implements TransportProvider {
    public static final String ENABLE = "rtspkit.benchmarks.memorySinks";
    /** RTP packets every sink took, for the benchmark's report. */
    static final LongAdder RTP_PACKETS = new LongAdder();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public int priority() {
        return Boolean.getBoolean(ENABLE) ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    }

    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.UDP;
    }

    @Override
    public Optional<MediaTransport> open(ServerConfig config) {
        return Optional.of(new MediaTransport() {
            @Override
            public String name() {
                return "memory";
            }

            @Override
            public TransportProtocol protocol() {
                return TransportProtocol.UDP;
            }

            @Override
            public MediaBinding bind(BindRequest request) {
                return new MemoryBinding(request.offer(), request.maxPacketSize());
            }

            @Override
            public void close() {
            }
        });
    }

    private static final class MemoryBinding implements MediaBinding {
        private final TransportSpec reply;
        private final MemorySink sink;

        MemoryBinding(TransportSpec offer, int maxPacketSize) {
            this.reply = new TransportSpec(TransportProtocol.UDP, offer.profile(), null, null, null, null, null,
                    offer.clientPort(), new PortPair(9000, 9001), null, null);
            this.sink = new MemorySink(maxPacketSize + 64);
        }

        @Override
        public TransportSpec reply() {
            return reply;
        }

        @Override
        public PacketSink sink() {
            return sink;
        }

        @Override
        public Set<Integer> channels() {
            return Set.of();
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public void close() {
        }
    }

    /** Copies the packet as a socket write would copy it into the kernel. */
    private static final class MemorySink implements PacketSink {
        private final byte[] buffer;

        MemorySink(int size) {
            this.buffer = new byte[size];
        }

        @Override
        public boolean send(boolean rtcp, byte[] data, int offset, int length) {
            System.arraycopy(data, offset, buffer, 0, length);
            if (!rtcp) {
                RTP_PACKETS.increment();
            }
            return true;
        }
    }
}
