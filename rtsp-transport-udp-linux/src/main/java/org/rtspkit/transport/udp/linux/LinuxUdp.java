package org.rtspkit.transport.udp.linux;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * The entry point: whether batched sends work here, and sockets that do them.
 *
 * <pre>{@code
 * if (LinuxUdp.availability().available()) {
 *     BatchUdpSocket socket = LinuxUdp.open(new InetSocketAddress("0.0.0.0", 0), LinuxUdp.Options.DEFAULT);
 *     UdpDestinations readers = socket.newDestinations(16);
 *     readers.add(reader1);
 *     BatchSender sender = socket.newSender();        // one per thread
 *     sender.sendToAll(packet, readers);              // one sendmmsg for every reader
 * } else {
 *     // DatagramChannel, one send per reader
 * }
 * }</pre>
 */
public final class LinuxUdp {
    private static final System.Logger LOG = System.getLogger(LinuxUdp.class.getName());

    /** The first release whose Foreign Function and Memory API is final (JEP 454). */
    static final int FFM_RELEASE = 22;

    /** The class (compiled for release 22) that does the native work, loaded by name only on 22+. */
    static final String BACKEND = "org.rtspkit.transport.udp.linux.ffm.FfmBackend";

    /** {@code false} turns the layer off. */
    public static final String ENABLED_PROPERTY = "rtspkit.udp.linux";

    /** {@code false} turns GSO off. */
    public static final String GSO_PROPERTY = "rtspkit.udp.linux.gso";

    /**
     * How a socket is opened.
     *
     * @param sendBufferSize {@code SO_SNDBUF} to ask for, 0 for the system default (Linux caps it at
     *                       {@code net.core.wmem_max})
     * @param gso            whether bursts may use GSO (when the system has it)
     */
    public record Options(int sendBufferSize, boolean gso) {
        /** The system's send buffer, GSO when available. */
        public static final Options DEFAULT = new Options(0, true);

        public Options {
            if (sendBufferSize < 0) {
                throw new IllegalArgumentException("sendBufferSize (" + sendBufferSize + ") must not be negative");
            }
        }
    }

    private static final class Holder {
        static final NativeBackend BACKEND_INSTANCE;
        static final Availability AVAILABILITY;

        static {
            NativeBackend backend = null;
            Availability availability;
            try {
                availability = precheck();
                if (availability == null) {
                    backend = (NativeBackend) Class.forName(BACKEND).getDeclaredConstructor().newInstance();
                    availability = backend.probe(!"false".equalsIgnoreCase(System.getProperty(GSO_PROPERTY)));
                }
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                availability = Availability.unavailable("the native layer failed to start: " + e);
            }
            BACKEND_INSTANCE = availability.available() ? backend : null;
            AVAILABILITY = availability;
            LOG.log(System.Logger.Level.INFO, "batched UDP sends: {0}", availability.description());
        }
    }

    private LinuxUdp() {
    }

    /** What works here, found (and logged) once per JVM. */
    public static Availability availability() {
        return Holder.AVAILABILITY;
    }

    /**
     * Opens a non-blocking UDP socket bound to {@code local}: an IPv4 socket for an IPv4 address
     * ({@code 0.0.0.0} included), a dual-stack IPv6 socket for an IPv6 one.
     *
     * @throws UnsupportedOperationException when {@link #availability()} says unavailable
     * @throws IOException                   when the socket cannot be made or bound (the message names
     *                                       the call and the {@code errno})
     */
    public static BatchUdpSocket open(InetSocketAddress local, Options options) throws IOException {
        if (local.isUnresolved()) {
            throw new IllegalArgumentException("cannot bind to the unresolved address " + local);
        }
        NativeBackend backend = Holder.BACKEND_INSTANCE;
        if (backend == null) {
            throw new UnsupportedOperationException("batched UDP sends are " + Holder.AVAILABILITY.description());
        }
        return backend.open(local, options, options.gso() && Holder.AVAILABILITY.gso());
    }

    /** The reasons that need no native call, or null when the backend should probe. */
    static Availability precheck() {
        int release = Runtime.version().feature();
        if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY))) {
            return Availability.unavailable("turned off (-D" + ENABLED_PROPERTY + "=false)");
        }
        if (release < FFM_RELEASE) {
            return Availability.unavailable("JDK " + release + " has no Foreign Function and Memory API (JDK "
                    + FFM_RELEASE + " or newer is needed)");
        }
        String os = System.getProperty("os.name", "?");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Availability.unavailable("sendmmsg and UDP GSO are Linux calls; this is " + os);
        }
        String arch = System.getProperty("os.arch", "?");
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
            // The structure layouts and constants written are those of x86-64 and AArch64 Linux.
            return Availability.unavailable("not built for the " + arch + " architecture (x86-64 and AArch64 only)");
        }
        return null;
    }
}
