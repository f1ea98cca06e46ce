/**
 * Batched UDP sends on Linux through the Foreign Function and Memory API: one {@code sendmmsg(2)} that
 * hands one packet to many destinations, and {@code sendmsg(2)} with a {@code UDP_SEGMENT} control
 * message (UDP GSO) that hands a burst of equal-size packets to one destination (or, inside one
 * {@code sendmmsg}, to many). The sockets are its own, made with {@code socket(2)} and
 * {@code bind(2)}, so nothing here reaches into the JDK's internals.
 *
 * <p>{@code LinuxUdp.availability()} says whether it can run here: it needs JDK 22 or newer (the FFM
 * API), Linux on x86-64 or AArch64 (the constants and structure layouts it writes), and native access;
 * GSO also needs a kernel that knows {@code UDP_SEGMENT} (4.18+). On JDK 17 the module loads, reports
 * itself unavailable and never touches its JDK 22 classes, so callers keep their
 * {@link java.nio.channels.DatagramChannel} path. The result is logged once, at INFO.
 *
 * <p>Native access: on JDK 22+ the JVM must be started with
 * {@code --enable-native-access=org.rtspkit.transport.udp.linux} (or {@code =ALL-UNNAMED} when the jar
 * is on the class path); without it the JVM prints a warning at the first native call, and refuses the
 * call when run with {@code --illegal-native-access=deny}, which the probe reports as unavailable.
 *
 * <p>Settings (system properties, read once by the probe):
 * <ul>
 *   <li>{@code rtspkit.udp.linux}: {@code false} turns the layer off (reported unavailable).</li>
 *   <li>{@code rtspkit.udp.linux.gso}: {@code false} turns GSO off; bursts then go out as one
 *       {@code sendmmsg} of separate datagrams.</li>
 * </ul>
 */
module org.rtspkit.transport.udp.linux {
    // Nothing is exported yet: the load tool's raw sender reaches it on the class path. Wiring it into
    // the UDP transport and the multicast writer comes with the engine's per-loop fan-out.
}
