package org.rtspkit.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.rtspkit.server.options.AddressFlags;
import org.rtspkit.server.options.ServerOptions;

/**
 * Finds which of the server's addresses could not be bound. A failed start reports a bare
 * "Address already in use"; trying each address again once everything is released names the
 * culprit for the error message.
 */
final class BusyAddress {
    private BusyAddress() {
    }

    /** The first address of the options that cannot be bound now, in flag notation with its kind. */
    static Optional<String> find(ServerOptions options) {
        if (!canListen(options.rtspAddress())) {
            return Optional.of(AddressFlags.format(options.rtspAddress()));
        }
        if (options.udpEnabled()) {
            if (!canBindUdp(options.udpRtpAddress())) {
                return Optional.of(AddressFlags.format(options.udpRtpAddress()) + " (UDP, RTP)");
            }
            if (!canBindUdp(options.udpRtcpAddress())) {
                return Optional.of(AddressFlags.format(options.udpRtcpAddress()) + " (UDP, RTCP)");
            }
        }
        ServerOptions.Secure secure = options.secure();
        if (secure != null) {
            if (!canListen(secure.rtspsAddress())) {
                return Optional.of(AddressFlags.format(secure.rtspsAddress()) + " (RTSPS)");
            }
            InetSocketAddress srtp = secure.srtpRtpAddress();
            if (srtp != null && !canBindUdp(srtp)) {
                return Optional.of(AddressFlags.format(srtp) + " (UDP, SRTP)");
            }
            if (srtp != null && !canBindUdp(new InetSocketAddress(srtp.getAddress(), srtp.getPort() + 1))) {
                return Optional.of(AddressFlags.format(new InetSocketAddress(srtp.getAddress(), srtp.getPort() + 1))
                        + " (UDP, SRTCP)");
            }
        }
        InetSocketAddress metrics = options.metricsAddress();
        if (metrics != null && !canListen(metrics)) {
            return Optional.of(AddressFlags.format(metrics) + " (metrics)");
        }
        return Optional.empty();
    }

    private static boolean canListen(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the server does: reuse lets a port in TIME_WAIT through, never one with a listener.
            socket.setReuseAddress(true);
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canBindUdp(InetSocketAddress address) {
        try (DatagramSocket socket = new DatagramSocket(address)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
