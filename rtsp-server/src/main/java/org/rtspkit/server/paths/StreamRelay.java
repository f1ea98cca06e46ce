package org.rtspkit.server.paths;

import com.google.common.util.concurrent.RateLimiter;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.StreamClosedException;

/**
 * Hands every RTP packet of a publisher to the streams its readers play (one per listener). The stream was created from
 * the publisher's announced description, so the publisher's {@link Media} objects are the stream's.
 */
final class StreamRelay implements BiConsumer<Media, RtpPacket> {
    private static final System.Logger LOG = System.getLogger(StreamRelay.class.getName());

    private final Collection<ServerStream> streams;
    private final String path;
    /** A publisher that sends what the streams cannot carry usually keeps doing it: one warning a minute. */
    private final RateLimiter warnings = RateLimiter.create(1.0 / 60);
    private final AtomicLong droppedSinceWarning = new AtomicLong();

    StreamRelay(Collection<ServerStream> streams, String path) {
        this.streams = List.copyOf(streams);
        this.path = path;
    }

    @Override
    public void accept(Media media, RtpPacket packet) {
        for (ServerStream stream : streams) {
            write(stream, media, packet);
        }
    }

    private void write(ServerStream stream, Media media, RtpPacket packet) {
        try {
            stream.writePacketRtp(media, packet);
        } catch (StreamClosedException e) {
            // The publisher is leaving: its session close closed the stream while packets were in flight.
        } catch (IllegalArgumentException | RtspkitException e) {
            // A packet the stream cannot carry (a payload type that was not announced, an oversized
            // packet), or a multicast group whose queue is full: the other listeners' streams still
            // get it. Say so once a minute rather than once per packet, with the count since the last time.
            long dropped = droppedSinceWarning.incrementAndGet();
            if (warnings.tryAcquire()) {
                droppedSinceWarning.addAndGet(-dropped);
                LOG.log(Level.WARNING, "dropping packets the publisher of " + path + " sends (" + dropped
                        + (dropped == 1 ? " packet" : " packets") + " since the last warning): " + e.getMessage());
            }
        }
    }
}
