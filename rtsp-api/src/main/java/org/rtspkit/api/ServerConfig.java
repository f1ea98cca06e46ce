package org.rtspkit.api;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Settings of an RTSP server. Build one with {@link #builder()}; every setting has the default given
 * on its builder method. The engine checks the combination when the server starts and refuses to
 * start with a message that names the setting.
 *
 * @param rtspAddress          where the RTSP listener binds; required
 * @param udpRtpAddress        the shared UDP RTP socket; with {@code udpRtcpAddress}, enables UDP unicast
 * @param udpRtcpAddress       the shared UDP RTCP socket; its port must be the RTP port + 1
 * @param readTimeout          publisher silence that ends a session (TCP read deadline while recording, UDP media silence)
 * @param writeTimeout         how long a response or interleaved frame may wait for the socket before the reader is closed
 * @param idleTimeout          connection silence before PLAY/RECORD, and reader silence (no request, no RTCP)
 * @param writeQueueSize       packets each reader may have waiting; a power of two
 * @param maxPacketSize        the largest RTP/RTCP packet sent or accepted over UDP, at most 1472
 * @param udpReadBufferSize    SO_RCVBUF of the UDP sockets; 0 keeps the system default
 * @param senderReports        whether RTCP sender reports are sent to readers
 * @param authMethods          schemes offered when a handler asks for credentials
 * @param senderReportPeriod   interval between sender reports
 * @param receiverReportPeriod interval between receiver reports to UDP publishers
 * @param checkStreamPeriod    how often UDP sessions are checked for silence
 * @param clock                time source for reports and RTP-Info (a fixed clock makes them testable)
 * @param ioThreads            threads that deliver packets and serve connections
 * @param maxConnections       open RTSP connections accepted at once; more get 503 and are closed
 * @param maxSessions          sessions alive at once; more get 503
 * @param tlsContext           non-null to serve RTSPS (TLS) on {@code rtspAddress}; secure media (SAVP) needs it
 * @param multicastIpRange     IPv4 multicast network (CIDR, {@code 224.1.0.0/16}) that stream groups are allocated
 *                             from; with the two multicast ports, enables UDP multicast; null for none
 * @param multicastRtpPort     RTP port of every allocated group; even; 0 for none
 * @param multicastRtcpPort    RTCP port of every allocated group: {@code multicastRtpPort + 1}; 0 for none
 * @param multicastInterface   name of the network interface multicast is sent and received on; null for every
 *                             interface that is up and supports multicast (loopback when there is no other)
 * @param multicastTtl         IP time-to-live of multicast packets, 0 to 255
 * @param srtpSuite            the SRTP suite of the keys made for served streams (RTSPS); publishers may use
 *                             any suite their MIKEY names
 */
public record ServerConfig(
        InetSocketAddress rtspAddress,
        InetSocketAddress udpRtpAddress,
        InetSocketAddress udpRtcpAddress,
        Duration readTimeout,
        Duration writeTimeout,
        Duration idleTimeout,
        int writeQueueSize,
        int maxPacketSize,
        int udpReadBufferSize,
        boolean senderReports,
        Set<AuthMethod> authMethods,
        Duration senderReportPeriod,
        Duration receiverReportPeriod,
        Duration checkStreamPeriod,
        InstantSource clock,
        int ioThreads,
        int maxConnections,
        int maxSessions,
        SSLContext tlsContext,
        String multicastIpRange,
        int multicastRtpPort,
        int multicastRtcpPort,
        String multicastInterface,
        int multicastTtl,
        SrtpSuite srtpSuite) {

    /** 1500-byte Ethernet MTU less the IPv4 and UDP headers. */
    public static final int MAX_UDP_PAYLOAD = 1472;

    /**
     * Checks the required settings and copies the collections.
     *
     * @param rtspAddress where the RTSP listener binds; required
     * @param udpRtpAddress the shared UDP RTP socket; with {@code udpRtcpAddress}, enables UDP unicast
     * @param udpRtcpAddress the shared UDP RTCP socket; its port must be the RTP port + 1
     * @param readTimeout publisher silence that ends a session (TCP read deadline while recording, UDP media silence)
     * @param writeTimeout how long a response or interleaved frame may wait for the socket before the reader is closed
     * @param idleTimeout connection silence before PLAY/RECORD, and reader silence (no request, no RTCP)
     * @param writeQueueSize packets each reader may have waiting; a power of two
     * @param maxPacketSize the largest RTP/RTCP packet sent or accepted over UDP, at most 1472
     * @param udpReadBufferSize SO_RCVBUF of the UDP sockets; 0 keeps the system default
     * @param senderReports whether RTCP sender reports are sent to readers
     * @param authMethods schemes offered when a handler asks for credentials
     * @param senderReportPeriod interval between sender reports
     * @param receiverReportPeriod interval between receiver reports to UDP publishers
     * @param checkStreamPeriod how often UDP sessions are checked for silence
     * @param clock time source for reports and RTP-Info (a fixed clock makes them testable)
     * @param ioThreads threads that deliver packets and serve connections
     * @param maxConnections open RTSP connections accepted at once; more get 503 and are closed
     * @param maxSessions sessions alive at once; more get 503
     * @param tlsContext non-null to serve RTSPS (TLS) on {@code rtspAddress}; secure media (SAVP) needs it
     * @param multicastIpRange IPv4 multicast network (CIDR, {@code 224.1.0.0/16}) that stream groups are allocated from; with the two multicast ports, enables UDP multicast; null for none
     * @param multicastRtpPort RTP port of every allocated group; even; 0 for none
     * @param multicastRtcpPort RTCP port of every allocated group: {@code multicastRtpPort + 1}; 0 for none
     * @param multicastInterface name of the network interface multicast is sent and received on; null for every interface that is up and supports multicast (loopback when there is no other)
     * @param multicastTtl IP time-to-live of multicast packets, 0 to 255
     * @param srtpSuite the SRTP suite of the keys made for served streams (RTSPS); publishers may use any suite their MIKEY names
     */
    public ServerConfig {
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        authMethods = Set.copyOf(authMethods);
        Objects.requireNonNull(senderReportPeriod, "senderReportPeriod");
        Objects.requireNonNull(receiverReportPeriod, "receiverReportPeriod");
        Objects.requireNonNull(checkStreamPeriod, "checkStreamPeriod");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts a configuration with every setting at its default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether UDP unicast is configured.
     *
     * @return true when both UDP addresses are set
     */
    public boolean udpEnabled() {
        return udpRtpAddress != null && udpRtcpAddress != null;
    }

    /**
     * Whether UDP multicast is configured (range and both ports). The multicast provider checks the
     * combination when the server starts, and refuses a partial one.
     *
     * @return true when the range and both ports are set
     */
    public boolean multicastEnabled() {
        return multicastIpRange != null && !multicastIpRange.isBlank() && multicastRtpPort != 0 && multicastRtcpPort != 0;
    }

    /** Collects settings; defaults as documented on each method. */
    public static final class Builder {
        private InetSocketAddress rtspAddress;
        private InetSocketAddress udpRtpAddress;
        private InetSocketAddress udpRtcpAddress;
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration writeTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private int writeQueueSize = 256;
        private int maxPacketSize = MAX_UDP_PAYLOAD;
        private int udpReadBufferSize;
        private boolean senderReports = true;
        private Set<AuthMethod> authMethods = EnumSet.of(AuthMethod.BASIC, AuthMethod.DIGEST_MD5);
        private Duration senderReportPeriod = Duration.ofSeconds(10);
        private Duration receiverReportPeriod = Duration.ofSeconds(10);
        private Duration checkStreamPeriod = Duration.ofSeconds(1);
        private InstantSource clock = InstantSource.system();
        private int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int maxConnections = 10_000;
        private int maxSessions = 10_000;
        private SSLContext tlsContext;
        private String multicastIpRange;
        private int multicastRtpPort;
        private int multicastRtcpPort;
        private String multicastInterface;
        private int multicastTtl = 16;
        private SrtpSuite srtpSuite = SrtpSuite.DEFAULT;

        private Builder() {
        }

        /**
         * Required. Port 0 picks a free port; read it back from the started server.
         *
         * @param v where the RTSP listener binds
         * @return this builder
         */
        public Builder rtspAddress(InetSocketAddress v) { rtspAddress = v; return this; }

        /**
         * Both UDP addresses or neither; none by default (UDP unicast off).
         *
         * @param rtp the shared RTP socket's address; the port must be even
         * @param rtcp the shared RTCP socket's address; the port must be the RTP port + 1
         * @return this builder
         */
        public Builder udpAddresses(InetSocketAddress rtp, InetSocketAddress rtcp) { udpRtpAddress = rtp; udpRtcpAddress = rtcp; return this; }

        /**
         * Default 10 s.
         *
         * @param v how long a request may take to arrive, and a publisher may stay silent
         * @return this builder
         */
        public Builder readTimeout(Duration v) { readTimeout = v; return this; }

        /**
         * Default 10 s.
         *
         * @param v how long a reader's socket may take nothing before the reader is closed
         * @return this builder
         */
        public Builder writeTimeout(Duration v) { writeTimeout = v; return this; }

        /**
         * Default 60 s; sessions advertise {@code timeout=} this less 5 s.
         *
         * @param v how long a connection or UDP reader may show no sign of life
         * @return this builder
         */
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }

        /**
         * Default 256 packets; must be a power of two.
         *
         * @param v packets queued per reader before the reader loses packets
         * @return this builder
         */
        public Builder writeQueueSize(int v) { writeQueueSize = v; return this; }

        /**
         * Default 1472 bytes, the maximum.
         *
         * @param v the largest RTP or RTCP packet, in bytes, sent or accepted over UDP
         * @return this builder
         */
        public Builder maxPacketSize(int v) { maxPacketSize = v; return this; }

        /**
         * Default 0 (system default).
         *
         * @param v {@code SO_RCVBUF} of the UDP sockets in bytes, 0 for the system default
         * @return this builder
         */
        public Builder udpReadBufferSize(int v) { udpReadBufferSize = v; return this; }

        /**
         * Default true.
         *
         * @param v whether the server sends RTCP sender reports for its streams
         * @return this builder
         */
        public Builder senderReports(boolean v) { senderReports = v; return this; }

        /**
         * Default Basic and Digest MD5.
         *
         * @param v the methods offered to clients that present no credentials
         * @return this builder
         */
        public Builder authMethods(Set<AuthMethod> v) { authMethods = v.isEmpty() ? Set.of() : EnumSet.copyOf(v); return this; }

        /**
         * Default 10 s.
         *
         * @param v the interval between RTCP sender reports
         * @return this builder
         */
        public Builder senderReportPeriod(Duration v) { senderReportPeriod = v; return this; }

        /**
         * Default 10 s.
         *
         * @param v the interval between RTCP receiver reports sent to publishers
         * @return this builder
         */
        public Builder receiverReportPeriod(Duration v) { receiverReportPeriod = v; return this; }

        /**
         * Default 1 s.
         *
         * @param v the interval of the checks for silent publishers and idle readers
         * @return this builder
         */
        public Builder checkStreamPeriod(Duration v) { checkStreamPeriod = v; return this; }

        /**
         * Default the system clock.
         *
         * @param v the source of wall-clock time (RTCP timestamps, MIKEY time checks)
         * @return this builder
         */
        public Builder clock(InstantSource v) { clock = v; return this; }

        /**
         * Default one per available processor.
         *
         * @param v the number of threads that send to readers
         * @return this builder
         */
        public Builder ioThreads(int v) { ioThreads = v; return this; }

        /**
         * Default 10,000.
         *
         * @param v the most RTSP connections open at once
         * @return this builder
         */
        public Builder maxConnections(int v) { maxConnections = v; return this; }

        /**
         * Default 10,000.
         *
         * @param v the most RTSP sessions at once
         * @return this builder
         */
        public Builder maxSessions(int v) { maxSessions = v; return this; }

        /**
         * Default none: plain RTSP. With a context, the listener speaks TLS (RTSPS).
         *
         * @param v the TLS context of the RTSPS listener, or null for plain RTSP
         * @return this builder
         */
        public Builder tlsContext(SSLContext v) { tlsContext = v; return this; }

        /**
         * Default none (multicast off). An IPv4 multicast network in CIDR notation, for example
         * {@code 224.1.0.0/16}; the first group handed out is the network address + 1. Set together
         * with both multicast ports.
         *
         * @param v the multicast network in CIDR notation
         * @return this builder
         */
        public Builder multicastIpRange(String v) { multicastIpRange = v; return this; }

        /**
         * Default 0 (none). The RTP port of every allocated group; must be even.
         *
         * @param v the RTP port of every multicast group
         * @return this builder
         */
        public Builder multicastRtpPort(int v) { multicastRtpPort = v; return this; }

        /**
         * Default 0 (none). The RTCP port of every allocated group; must be the RTP port + 1.
         *
         * @param v the RTCP port of every multicast group
         * @return this builder
         */
        public Builder multicastRtcpPort(int v) { multicastRtcpPort = v; return this; }

        /**
         * Default none: every interface that is up, supports multicast and has an IPv4 address, or the
         * loopback interface when there is no other. A name such as {@code eth0} uses only that one.
         *
         * @param v the name of the interface to use, or null for all that qualify
         * @return this builder
         */
        public Builder multicastInterface(String v) { multicastInterface = v; return this; }

        /**
         * Default 16 hops; 0 to 255. SETUP replies advertise {@code ttl=127} whatever this is.
         *
         * @param v the time to live of multicast packets, in hops
         * @return this builder
         */
        public Builder multicastTtl(int v) { multicastTtl = v; return this; }

        /**
         * Default AES_CM_128_HMAC_SHA1_80, which every MIKEY client supports; AES_256_CM_HMAC_SHA1_80 and
         * AEAD_AES_128_GCM need clients that support them.
         *
         * @param v the SRTP protection profile offered in MIKEY
         * @return this builder
         */
        public Builder srtpSuite(SrtpSuite v) { srtpSuite = java.util.Objects.requireNonNull(v); return this; }

        /**
         * Makes the configuration; the server checks its consistency when it starts.
         *
         * @return the configuration
         */
        public ServerConfig build() {
            return new ServerConfig(rtspAddress, udpRtpAddress, udpRtcpAddress, readTimeout, writeTimeout, idleTimeout,
                    writeQueueSize, maxPacketSize, udpReadBufferSize, senderReports, authMethods, senderReportPeriod,
                    receiverReportPeriod, checkStreamPeriod, clock, ioThreads, maxConnections, maxSessions, tlsContext,
                    multicastIpRange, multicastRtpPort, multicastRtcpPort, multicastInterface, multicastTtl, srtpSuite);
        }
    }
}
