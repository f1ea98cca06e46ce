package org.rtspkit.client;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Everything a client application can set, each with a default. Build with {@link #builder()};
 * {@link #defaults()} is the configuration with every default.
 *
 * @param transport how media travels when reading; publishing uses TCP for {@code AUTO} and {@code MULTICAST} (default {@link TransportMode#AUTO})
 * @param connectTimeout the most a TCP connection and a TLS handshake may take (default 10 s)
 * @param readTimeout the most the server may take to answer a request; over TCP, also the longest silence of the connection while playing (default 10 s)
 * @param writeTimeout the most one write to the RTSP connection may stay blocked (default 10 s)
 * @param udpFallbackTimeout with {@link TransportMode#AUTO}: how long after PLAY over UDP the client waits for a first packet before it starts again over TCP (default 3 s)
 * @param keepAlivePeriod how often a playing or recording session is kept alive with {@code GET_PARAMETER}, or {@code OPTIONS} when the server does not list {@code GET_PARAMETER} in {@code Public} (default null: half the session timeout the server announces (60 s when it announces none))
 * @param receiverReportPeriod how often RTCP receiver reports are sent while reading (default 5 s)
 * @param senderReportPeriod how often RTCP sender reports are sent while publishing; the first goes with the first packet (default 5 s)
 * @param userAgent the {@code User-Agent} header of every request (default {@code rtspkit})
 * @param reorderWindow packets a UDP receiver holds back to put late ones in order; a gap that stays open this many packets is counted as lost (default 64)
 * @param maxPacketSize the largest RTP or RTCP packet the client sends over UDP, in bytes (any datagram is received) (default 1472)
 * @param udpReadBufferSize {@code SO_RCVBUF} of each UDP socket, in bytes (default 0: the system's default)
 * @param maxResponseHeadBytes the longest status line and headers of a response (default 64 KiB)
 * @param maxResponseBodyBytes the largest response body (a session description) (default 1 MiB)
 * @param maxRedirects how many {@code 301}/{@code 302} redirects are followed before giving up (default 5)
 * @param tlsContext the TLS context of {@code rtsps://} connections (default null: the JDK's default context)
 * @param tlsVerify whether the server's certificate and host name are checked; false accepts any certificate (self-signed cameras), and encrypts without authenticating the server (default true)
 * @param multicastInterface the name of the network interface multicast groups are joined on (default null: the interface the routing table chooses)
 */
public record ClientConfig(TransportMode transport,
                           Duration connectTimeout,
                           Duration readTimeout,
                           Duration writeTimeout,
                           Duration udpFallbackTimeout,
                           Duration keepAlivePeriod,
                           Duration receiverReportPeriod,
                           Duration senderReportPeriod,
                           String userAgent,
                           int reorderWindow,
                           int maxPacketSize,
                           int udpReadBufferSize,
                           int maxResponseHeadBytes,
                           int maxResponseBodyBytes,
                           int maxRedirects,
                           SSLContext tlsContext,
                           boolean tlsVerify,
                           String multicastInterface) {

    /**
     * Checks every setting.
     *
     * @param transport how media travels when reading; publishing uses TCP for {@code AUTO} and {@code MULTICAST}
     * @param connectTimeout the most a TCP connection and a TLS handshake may take
     * @param readTimeout the most the server may take to answer a request; over TCP, also the longest silence of the connection while playing
     * @param writeTimeout the most one write to the RTSP connection may stay blocked
     * @param udpFallbackTimeout with {@link TransportMode#AUTO}: how long after PLAY over UDP the client waits for a first packet before it starts again over TCP
     * @param keepAlivePeriod how often a playing or recording session is kept alive with {@code GET_PARAMETER}, or {@code OPTIONS} when the server does not list {@code GET_PARAMETER} in {@code Public}
     * @param receiverReportPeriod how often RTCP receiver reports are sent while reading
     * @param senderReportPeriod how often RTCP sender reports are sent while publishing; the first goes with the first packet
     * @param userAgent the {@code User-Agent} header of every request
     * @param reorderWindow packets a UDP receiver holds back to put late ones in order; a gap that stays open this many packets is counted as lost
     * @param maxPacketSize the largest RTP or RTCP packet the client sends over UDP, in bytes (any datagram is received)
     * @param udpReadBufferSize {@code SO_RCVBUF} of each UDP socket, in bytes
     * @param maxResponseHeadBytes the longest status line and headers of a response
     * @param maxResponseBodyBytes the largest response body (a session description)
     * @param maxRedirects how many {@code 301}/{@code 302} redirects are followed before giving up
     * @param tlsContext the TLS context of {@code rtsps://} connections
     * @param tlsVerify whether the server's certificate and host name are checked; false accepts any certificate (self-signed cameras), and encrypts without authenticating the server
     * @param multicastInterface the name of the network interface multicast groups are joined on
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public ClientConfig {
        Objects.requireNonNull(transport, "transport");
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        positive(writeTimeout, "writeTimeout");
        positive(udpFallbackTimeout, "udpFallbackTimeout");
        if (keepAlivePeriod != null) {
            positive(keepAlivePeriod, "keepAlivePeriod");
        }
        positive(receiverReportPeriod, "receiverReportPeriod");
        positive(senderReportPeriod, "senderReportPeriod");
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.indexOf('\r') >= 0 || userAgent.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("userAgent must be one line");
        }
        range(reorderWindow, 1, 1024, "reorderWindow");
        range(maxPacketSize, 64, 65507, "maxPacketSize");
        range(udpReadBufferSize, 0, Integer.MAX_VALUE, "udpReadBufferSize");
        range(maxResponseHeadBytes, 1024, 16 * 1024 * 1024, "maxResponseHeadBytes");
        range(maxResponseBodyBytes, 0, 64 * 1024 * 1024, "maxResponseBodyBytes");
        range(maxRedirects, 0, 100, "maxRedirects");
    }

    /**
     * The configuration with every default.
     *
     * @return the defaults
     */
    public static ClientConfig defaults() {
        return builder().build();
    }

    /**
     * A builder holding every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this configuration's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.transport = transport;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.writeTimeout = writeTimeout;
        b.udpFallbackTimeout = udpFallbackTimeout;
        b.keepAlivePeriod = keepAlivePeriod;
        b.receiverReportPeriod = receiverReportPeriod;
        b.senderReportPeriod = senderReportPeriod;
        b.userAgent = userAgent;
        b.reorderWindow = reorderWindow;
        b.maxPacketSize = maxPacketSize;
        b.udpReadBufferSize = udpReadBufferSize;
        b.maxResponseHeadBytes = maxResponseHeadBytes;
        b.maxResponseBodyBytes = maxResponseBodyBytes;
        b.maxRedirects = maxRedirects;
        b.tlsContext = tlsContext;
        b.tlsVerify = tlsVerify;
        b.multicastInterface = multicastInterface;
        return b;
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static void range(int v, int min, int max, String name) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + v);
        }
    }

    /** Collects settings; every one starts at its default. Not thread-safe. */
    public static final class Builder {
        private TransportMode transport = TransportMode.AUTO;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration writeTimeout = Duration.ofSeconds(10);
        private Duration udpFallbackTimeout = Duration.ofSeconds(3);
        private Duration keepAlivePeriod = null;
        private Duration receiverReportPeriod = Duration.ofSeconds(5);
        private Duration senderReportPeriod = Duration.ofSeconds(5);
        private String userAgent = "rtspkit";
        private int reorderWindow = 64;
        private int maxPacketSize = 1472;
        private int udpReadBufferSize = 0;
        private int maxResponseHeadBytes = 64 * 1024;
        private int maxResponseBodyBytes = 1024 * 1024;
        private int maxRedirects = 5;
        private SSLContext tlsContext = null;
        private boolean tlsVerify = true;
        private String multicastInterface = null;

        private Builder() {
        }

        /**
         * Sets {@code transport}: how media travels when reading; publishing uses TCP for {@code AUTO} and {@code MULTICAST}.
         *
         * @param value the value (default {@link TransportMode#AUTO})
         * @return this builder
         */
        public Builder transport(TransportMode value) {
            transport = value;
            return this;
        }

        /**
         * Sets {@code connectTimeout}: the most a TCP connection and a TLS handshake may take.
         *
         * @param value the value (default 10 s)
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /**
         * Sets {@code readTimeout}: the most the server may take to answer a request; over TCP, also the longest silence of the connection while playing.
         *
         * @param value the value (default 10 s)
         * @return this builder
         */
        public Builder readTimeout(Duration value) {
            readTimeout = value;
            return this;
        }

        /**
         * Sets {@code writeTimeout}: the most one write to the RTSP connection may stay blocked.
         *
         * @param value the value (default 10 s)
         * @return this builder
         */
        public Builder writeTimeout(Duration value) {
            writeTimeout = value;
            return this;
        }

        /**
         * Sets {@code udpFallbackTimeout}: with {@link TransportMode#AUTO}: how long after PLAY over UDP the client waits for a first packet before it starts again over TCP.
         *
         * @param value the value (default 3 s)
         * @return this builder
         */
        public Builder udpFallbackTimeout(Duration value) {
            udpFallbackTimeout = value;
            return this;
        }

        /**
         * Sets {@code keepAlivePeriod}: how often a playing or recording session is kept alive with {@code GET_PARAMETER}, or {@code OPTIONS} when the server does not list {@code GET_PARAMETER} in {@code Public}.
         *
         * @param value the value (default null: half the session timeout the server announces (60 s when it announces none))
         * @return this builder
         */
        public Builder keepAlivePeriod(Duration value) {
            keepAlivePeriod = value;
            return this;
        }

        /**
         * Sets {@code receiverReportPeriod}: how often RTCP receiver reports are sent while reading.
         *
         * @param value the value (default 5 s)
         * @return this builder
         */
        public Builder receiverReportPeriod(Duration value) {
            receiverReportPeriod = value;
            return this;
        }

        /**
         * Sets {@code senderReportPeriod}: how often RTCP sender reports are sent while publishing; the first goes with the first packet.
         *
         * @param value the value (default 5 s)
         * @return this builder
         */
        public Builder senderReportPeriod(Duration value) {
            senderReportPeriod = value;
            return this;
        }

        /**
         * Sets {@code userAgent}: the {@code User-Agent} header of every request.
         *
         * @param value the value (default {@code rtspkit})
         * @return this builder
         */
        public Builder userAgent(String value) {
            userAgent = value;
            return this;
        }

        /**
         * Sets {@code reorderWindow}: packets a UDP receiver holds back to put late ones in order; a gap that stays open this many packets is counted as lost.
         *
         * @param value the value (default 64)
         * @return this builder
         */
        public Builder reorderWindow(int value) {
            reorderWindow = value;
            return this;
        }

        /**
         * Sets {@code maxPacketSize}: the largest RTP or RTCP packet the client sends over UDP, in bytes (any datagram is received).
         *
         * @param value the value (default 1472)
         * @return this builder
         */
        public Builder maxPacketSize(int value) {
            maxPacketSize = value;
            return this;
        }

        /**
         * Sets {@code udpReadBufferSize}: {@code SO_RCVBUF} of each UDP socket, in bytes.
         *
         * @param value the value (default 0: the system's default)
         * @return this builder
         */
        public Builder udpReadBufferSize(int value) {
            udpReadBufferSize = value;
            return this;
        }

        /**
         * Sets {@code maxResponseHeadBytes}: the longest status line and headers of a response.
         *
         * @param value the value (default 64 KiB)
         * @return this builder
         */
        public Builder maxResponseHeadBytes(int value) {
            maxResponseHeadBytes = value;
            return this;
        }

        /**
         * Sets {@code maxResponseBodyBytes}: the largest response body (a session description).
         *
         * @param value the value (default 1 MiB)
         * @return this builder
         */
        public Builder maxResponseBodyBytes(int value) {
            maxResponseBodyBytes = value;
            return this;
        }

        /**
         * Sets {@code maxRedirects}: how many {@code 301}/{@code 302} redirects are followed before giving up.
         *
         * @param value the value (default 5)
         * @return this builder
         */
        public Builder maxRedirects(int value) {
            maxRedirects = value;
            return this;
        }

        /**
         * Sets {@code tlsContext}: the TLS context of {@code rtsps://} connections.
         *
         * @param value the value (default null: the JDK's default context)
         * @return this builder
         */
        public Builder tlsContext(SSLContext value) {
            tlsContext = value;
            return this;
        }

        /**
         * Sets {@code tlsVerify}: whether the server's certificate and host name are checked; false accepts any certificate (self-signed cameras), and encrypts without authenticating the server.
         *
         * @param value the value (default true)
         * @return this builder
         */
        public Builder tlsVerify(boolean value) {
            tlsVerify = value;
            return this;
        }

        /**
         * Sets {@code multicastInterface}: the name of the network interface multicast groups are joined on.
         *
         * @param value the value (default null: the interface the routing table chooses)
         * @return this builder
         */
        public Builder multicastInterface(String value) {
            multicastInterface = value;
            return this;
        }

        /**
         * The configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming a setting that is out of range
         */
        public ClientConfig build() {
            return new ClientConfig(transport, connectTimeout, readTimeout, writeTimeout, udpFallbackTimeout, keepAlivePeriod, receiverReportPeriod, senderReportPeriod, userAgent, reorderWindow, maxPacketSize, udpReadBufferSize, maxResponseHeadBytes, maxResponseBodyBytes, maxRedirects, tlsContext, tlsVerify, multicastInterface);
        }
    }
}
