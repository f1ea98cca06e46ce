package org.rtspkit.stream.internal.session;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import jdk.jfr.FlightRecorder;
import org.rtspkit.api.SessionStats;
import org.rtspkit.stream.internal.events.PublisherLossEvent;
import org.rtspkit.stream.internal.events.ReaderDropsEvent;
import org.rtspkit.stream.internal.events.SessionLabel;

/**
 * A server's periodic JFR events: each period (1 s unless a recording's settings say otherwise), one
 * {@link ReaderDropsEvent} per reader that dropped packets since the previous one and one
 * {@link PublisherLossEvent} per publisher that lost some. JFR runs the hooks only while a recording
 * enables these events, and they read the counters the packet paths keep anyway: nothing is added on
 * a packet's path.
 */
public final class FlowEvents implements AutoCloseable {
    private final Collection<Session> sessions;
    private final Runnable drops = this::emitDrops;
    private final Runnable losses = this::emitLosses;
    private final boolean registered;
    /** What each session had dropped or lost at its previous event; JFR runs one hook at a time. */
    private Map<Session, Long> droppedBefore = new IdentityHashMap<>();
    private Map<Session, Long> lostBefore = new IdentityHashMap<>();

    private FlowEvents(Collection<Session> sessions, boolean registered) {
        this.sessions = sessions;
        this.registered = registered;
    }

    /**
     * Registers the hooks for the sessions of {@code registry}; {@link #close} removes them. On a JVM
     * without Flight Recorder (some ports have none) there is nothing to register, and the server runs
     * without these events.
     */
    public static FlowEvents register(SessionRegistry registry) {
        FlowEvents events = new FlowEvents(registry.all(), FlightRecorder.isAvailable());
        if (events.registered) {
            FlightRecorder.addPeriodicEvent(ReaderDropsEvent.class, events.drops);
            FlightRecorder.addPeriodicEvent(PublisherLossEvent.class, events.losses);
        }
        return events;
    }

    @Override
    public void close() {
        if (registered) {
            FlightRecorder.removePeriodicEvent(drops);
            FlightRecorder.removePeriodicEvent(losses);
        }
    }

    private synchronized void emitDrops() {
        // A new map each period: sessions that ended fall out of it.
        Map<Session, Long> now = new IdentityHashMap<>();
        for (Session s : sessions) {
            SessionLabel label = s.label();
            if (label == null || !SessionLabel.READER.equals(label.role())) {
                continue;
            }
            SessionStats stats = s.stats();
            long total = stats.outboundRtpPacketsDropped() + stats.outboundRtpPacketsDroppedByTransport();
            long delta = total - droppedBefore.getOrDefault(s, 0L);
            now.put(s, total);
            if (delta > 0) {
                ReaderDropsEvent event = new ReaderDropsEvent();
                event.describe(s.id(), label);
                event.dropped = delta;
                event.droppedTotal = total;
                event.sentTotal = stats.outboundRtpPackets();
                event.commit();
            }
        }
        droppedBefore = now;
    }

    private synchronized void emitLosses() {
        Map<Session, Long> now = new IdentityHashMap<>();
        for (Session s : sessions) {
            SessionLabel label = s.label();
            if (label == null || !SessionLabel.PUBLISHER.equals(label.role())) {
                continue;
            }
            SessionStats stats = s.stats();
            long total = stats.inboundRtpPacketsLost();
            long delta = total - lostBefore.getOrDefault(s, 0L);
            now.put(s, total);
            if (delta > 0) {
                PublisherLossEvent event = new PublisherLossEvent();
                event.describe(s.id(), label);
                event.lost = delta;
                event.lostTotal = total;
                event.receivedTotal = stats.inboundRtpPackets();
                event.commit();
            }
        }
        lostBefore = now;
    }
}
