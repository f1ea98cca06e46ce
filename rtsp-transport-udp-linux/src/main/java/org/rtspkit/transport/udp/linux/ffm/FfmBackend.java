package org.rtspkit.transport.udp.linux.ffm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.rtspkit.transport.udp.linux.Availability;
import org.rtspkit.transport.udp.linux.BatchSender;
import org.rtspkit.transport.udp.linux.BatchUdpSocket;
import org.rtspkit.transport.udp.linux.LinuxUdp;
import org.rtspkit.transport.udp.linux.NativeBackend;
import org.rtspkit.transport.udp.linux.SendCounters;
import org.rtspkit.transport.udp.linux.UdpDestinations;

/**
 * Loaded by name by {@link LinuxUdp} on JDK 22+. The probe does what the senders will do, once, on a
 * loopback socket that sends to itself: {@code sendmmsg} of two datagrams, then (when wanted) a GSO
 * message of two segments. Whatever fails says why in the description.
 */
public final class FfmBackend implements NativeBackend {
    /** Called by {@link LinuxUdp} through reflection. */
    public FfmBackend() {
    }

    @Override
    public Availability probe(boolean gsoWanted) {
        String where = "Linux " + System.getProperty("os.version", "?") + ", JDK " + Runtime.version();
        Module module = FfmBackend.class.getModule();
        String flag = "--enable-native-access=" + (module.isNamed() ? module.getName() : "ALL-UNNAMED");
        try {
            Class.forName(Libc.class.getName(), true, FfmBackend.class.getClassLoader());
        } catch (ExceptionInInitializerError | ClassNotFoundException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IllegalCallerException) {
                return unavailable("native access is denied to this module; start the JVM with " + flag, where);
            }
            return unavailable("the C library calls could not be bound: " + cause, where);
        } catch (IllegalCallerException e) {
            return unavailable("native access is denied to this module; start the JVM with " + flag, where);
        }
        String access = module.isNativeAccessEnabled() ? ""
                : "; native access is not enabled for this module, so the JVM warns: add " + flag;
        try (FfmSocket socket = openLoopback()) {
            UdpDestinations self = socket.newDestinations(1);
            BatchSender sender = socket.newSender();
            try {
                self.add(socket.localAddress());
                self.add(socket.localAddress());
                int sent = sender.sendToAll(ByteBuffer.wrap(new byte[] {1}), self);
                if (sent != 2) {
                    return unavailable("sendmmsg to its own socket sent " + sent + " of 2 datagrams: "
                            + errno(sender.counters()), where);
                }
                if (!gsoWanted) {
                    return new Availability(true, false, "sendmmsg, GSO turned off (-D" + LinuxUdp.GSO_PROPERTY
                            + "=false) (" + where + ")" + access);
                }
                InetSocketAddress any = new InetSocketAddress(socket.localAddress().getAddress(), 0);
                try (FfmSocket gso = FfmSocket.open(any, LinuxUdp.Options.DEFAULT, true, true)) {
                    BatchSender gsoSender = gso.newSender();
                    UdpDestinations target = gso.newDestinations(1);
                    try {
                        target.add(socket.localAddress());
                        int datagrams = gsoSender.sendSegments(ByteBuffer.wrap(new byte[6]), 4, target, 0);
                        SendCounters c = gsoSender.counters();
                        if (datagrams == 2 && c.calls() == 1 && c.gsoFallbacks() == 0) {
                            return new Availability(true, true, "sendmmsg and UDP GSO (" + where + ")" + access);
                        }
                        return new Availability(true, false, "sendmmsg; no UDP GSO, the kernel refused it: "
                                + errno(c) + " (" + where + ")" + access);
                    } finally {
                        target.close();
                        gsoSender.close();
                    }
                } catch (GsoUnsupported e) {
                    return new Availability(true, false, "sendmmsg; no UDP GSO, " + e.getMessage()
                            + " (" + where + ")" + access);
                }
            } finally {
                self.close();
                sender.close();
            }
        } catch (IOException | RuntimeException e) {
            return unavailable("a probe socket on loopback failed: " + e.getMessage(), where);
        }
    }

    private static String errno(SendCounters c) {
        return c.lastErrno() == 0 ? "no error reported" : org.rtspkit.transport.udp.linux.Errno.describe(c.lastErrno());
    }

    private static Availability unavailable(String reason, String where) {
        return new Availability(false, false, "unavailable: " + reason + " (" + where + ")");
    }

    /** A socket on IPv4 loopback, or on IPv6 loopback when the system has no IPv4. */
    private static FfmSocket openLoopback() throws IOException {
        try {
            return FfmSocket.open(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0),
                    LinuxUdp.Options.DEFAULT, false, false);
        } catch (IOException v4) {
            byte[] one = new byte[16];
            one[15] = 1;
            try {
                return FfmSocket.open(new InetSocketAddress(InetAddress.getByAddress(one), 0),
                        LinuxUdp.Options.DEFAULT, false, false);
            } catch (IOException v6) {
                v4.addSuppressed(v6);
                throw v4;
            }
        }
    }

    @Override
    public BatchUdpSocket open(InetSocketAddress local, LinuxUdp.Options options, boolean gso) throws IOException {
        return FfmSocket.open(local, options, gso, false);
    }

    /** The kernel does not know {@code UDP_SEGMENT} (before 4.18): {@code setsockopt} says {@code ENOPROTOOPT}. */
    static final class GsoUnsupported extends IOException {
        GsoUnsupported(String message) {
            super(message);
        }
    }
}
