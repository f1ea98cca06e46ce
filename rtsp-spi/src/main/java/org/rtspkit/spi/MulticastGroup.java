package org.rtspkit.spi;

import java.net.InetAddress;

/**
 * The sockets of one media's multicast group, shared by all multicast readers of that media: each
 * packet is sent once, whatever the number of readers. Thread-safe.
 */
public interface MulticastGroup extends AutoCloseable {
    /**
     * The group address.
     *
     * @return an IPv4 multicast address
     */
    InetAddress group();

    /**
     * The port RTP is sent to.
     *
     * @return the port
     */
    int rtpPort();

    /**
     * The port RTCP is sent to and readers' RTCP is received on.
     *
     * @return the port
     */
    int rtcpPort();

    /**
     * Where the engine writes every packet of the media, once per packet for all multicast readers.
     * {@link PacketSink#send} never blocks, never asks to retry (it always returns true) and never
     * throws: a packet the system refuses (send buffer full, interface gone, packet too big) is counted
     * in {@link #sendFailures()} and dropped, so that multicast trouble cannot disturb unicast readers
     * of the same stream.
     *
     * @return the group's sink
     */
    PacketSink sink();

    /**
     * Sends that did not go out, counted once per interface a packet failed on.
     *
     * @return the count since the group was opened
     */
    long sendFailures();

    /**
     * Leaves the group and closes its sockets; when called from a thread other than the service's
     * receive thread, the ports are free again when this returns. Idempotent; later sends are counted
     * as failures.
     */
    @Override
    void close();
}
