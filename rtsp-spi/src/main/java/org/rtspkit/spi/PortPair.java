package org.rtspkit.spi;

/**
 * Two numbers of a Transport parameter: {@code client_port=5000-5001}, {@code interleaved=0-1}.
 *
 * @param first  the number before the dash (the RTP port or channel)
 * @param second the number after it (the RTCP port or channel)
 */
public record PortPair(int first, int second) {
    @Override
    public String toString() {
        return first + "-" + second;
    }
}
