package org.rtspkit.transport.udp.linux;

/**
 * Whether batched sends work in this JVM on this system, found once by {@link LinuxUdp#availability()}.
 *
 * @param sendmmsg    whether sockets can be opened and {@code sendmmsg} sends; false means use
 *                    {@link java.nio.channels.DatagramChannel}
 * @param gso         whether the kernel splits a burst handed to it with {@code UDP_SEGMENT}; when false,
 *                    bursts go out as one {@code sendmmsg} of separate datagrams
 * @param description what was found, for the log line and error messages (JDK, kernel, the reason when
 *                    something is missing)
 */
public record Availability(boolean sendmmsg, boolean gso, String description) {
    /** Whether the layer can be used at all. */
    public boolean available() {
        return sendmmsg;
    }

    static Availability unavailable(String reason) {
        return new Availability(false, false, "unavailable: " + reason);
    }
}
