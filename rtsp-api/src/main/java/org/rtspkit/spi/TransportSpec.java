package org.rtspkit.spi;

import java.util.List;
import org.rtspkit.api.TransportProfile;
import org.rtspkit.api.TransportProtocol;

/**
 * One entry of an RTSP {@code Transport} header (RFC 2326 §12.39).
 * STUB: parse/format to be written.
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
    public enum Mode { PLAY, RECORD }

    /** Parses a header value: comma-separated entries. {@link org.rtspkit.api.MalformedDataException} if invalid. */
    public static List<TransportSpec> parseList(String headerValue) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The header value for this entry, fields in the order clients expect (see REFERENCE §3.5 step 12). */
    public String format() {
        throw new UnsupportedOperationException("TODO");
    }

    public TransportSpec withSsrc(Long value) {
        return new TransportSpec(protocol, profile, destination, source, interleaved, port, ttl, clientPort, serverPort, value, mode);
    }

    public TransportSpec withMode(Mode value) {
        return new TransportSpec(protocol, profile, destination, source, interleaved, port, ttl, clientPort, serverPort, ssrc, value);
    }
}
