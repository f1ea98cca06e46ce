package org.rtspkit.spi;

import org.rtspkit.api.TransportProfile;
import org.rtspkit.api.TransportProtocol;

/**
 * One entry of an RTSP {@code Transport} header (RFC 2326 §12.39), as the engine hands a client's
 * offer to a transport and the transport answers with what it chose. The header text itself is
 * read and written by rtspkit's protocol module.
 *
 * @param protocol    UDP, UDP_MULTICAST (UDP with {@code multicast}) or TCP
 * @param profile     AVP or SAVP
 * @param destination the {@code destination=} address, or null
 * @param source      the {@code source=} address, or null
 * @param interleaved {@code interleaved=a-b}, or null
 * @param port        multicast {@code port=a-b}, or null
 * @param ttl         multicast {@code ttl=}, or null
 * @param clientPort  {@code client_port=a-b}, or null
 * @param serverPort  {@code server_port=a-b}, or null
 * @param ssrc        {@code ssrc=} (hex), or null
 * @param mode        {@code mode=}, or null when absent
 */
public record TransportSpec(TransportProtocol protocol, TransportProfile profile, String destination, String source,
                            PortPair interleaved, PortPair port, Integer ttl, PortPair clientPort, PortPair serverPort,
                            Long ssrc, Mode mode) {

    /** {@code mode=} values; {@code receive} is read as RECORD. */
    public enum Mode {
        /** The client reads ({@code mode=play}, the default). */
        PLAY,
        /** The client publishes ({@code mode=record} or {@code mode=receive}). */
        RECORD
    }

    /**
     * A copy with another {@code ssrc}.
     *
     * @param value the SSRC, unsigned 32-bit, or null to leave it out
     * @return a new entry
     */
    public TransportSpec withSsrc(Long value) {
        return new TransportSpec(protocol, profile, destination, source, interleaved, port, ttl, clientPort, serverPort, value, mode);
    }

    /**
     * A copy with another {@code mode}.
     *
     * @param value the mode, or null to leave it out
     * @return a new entry
     */
    public TransportSpec withMode(Mode value) {
        return new TransportSpec(protocol, profile, destination, source, interleaved, port, ttl, clientPort, serverPort, ssrc, value);
    }
}
