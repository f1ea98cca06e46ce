package org.rtspkit.transport.udp.linux.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * {@code struct sockaddr_in} (16 bytes) and {@code struct sockaddr_in6} (28 bytes) in native memory:
 * the family in the machine's byte order, the port and address in network order.
 */
final class Sockaddr {
    /** Room for either form, rounded up to a multiple of 8. */
    static final long SLOT = 32;
    static final int IN_LENGTH = 16;
    static final int IN6_LENGTH = 28;

    private Sockaddr() {
    }

    static int length(int family) {
        return family == Libc.AF_INET ? IN_LENGTH : IN6_LENGTH;
    }

    /**
     * Writes {@code address} at {@code offset} in the form a socket of {@code family} takes: an IPv4
     * address as IPv4-mapped IPv6 for an IPv6 socket; an IPv4-mapped IPv6 address as plain IPv4 for an
     * IPv4 socket.
     *
     * @return the length to pass with it
     * @throws IllegalArgumentException when a socket of that family cannot send to it
     */
    static int write(MemorySegment segment, long offset, int family, InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("the address " + address + " is unresolved");
        }
        byte[] raw = ip.getAddress();
        int port = address.getPort();
        if (family == Libc.AF_INET) {
            if (raw.length == 16) {
                if (!isMapped(raw)) {
                    throw new IllegalArgumentException("an IPv4 socket cannot send to " + address);
                }
                raw = java.util.Arrays.copyOfRange(raw, 12, 16);
            }
            segment.asSlice(offset, SLOT).fill((byte) 0);
            segment.set(JAVA_SHORT, offset, (short) Libc.AF_INET);
            putPort(segment, offset + 2, port);
            MemorySegment.copy(raw, 0, segment, JAVA_BYTE, offset + 4, 4);
            return IN_LENGTH;
        }
        int scope = 0;
        if (raw.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(raw, 0, mapped, 12, 4);
            raw = mapped;
        } else if (ip instanceof Inet6Address v6) {
            scope = v6.getScopeId();
        }
        segment.asSlice(offset, SLOT).fill((byte) 0);
        segment.set(JAVA_SHORT, offset, (short) Libc.AF_INET6);
        putPort(segment, offset + 2, port);
        // sin6_flowinfo (offset 4) stays 0
        MemorySegment.copy(raw, 0, segment, JAVA_BYTE, offset + 8, 16);
        segment.set(JAVA_INT, offset + 24, scope);
        return IN6_LENGTH;
    }

    /** Reads a {@code sockaddr_in} or {@code sockaddr_in6} (as {@code getsockname} leaves it). */
    static InetSocketAddress read(MemorySegment segment, long offset) {
        int family = segment.get(JAVA_SHORT, offset);
        int port = ((segment.get(JAVA_BYTE, offset + 2) & 0xff) << 8) | (segment.get(JAVA_BYTE, offset + 3) & 0xff);
        byte[] raw;
        if (family == Libc.AF_INET) {
            raw = new byte[4];
            MemorySegment.copy(segment, JAVA_BYTE, offset + 4, raw, 0, 4);
        } else if (family == Libc.AF_INET6) {
            raw = new byte[16];
            MemorySegment.copy(segment, JAVA_BYTE, offset + 8, raw, 0, 16);
        } else {
            throw new IllegalStateException("unexpected address family " + family);
        }
        try {
            InetAddress ip = family == Libc.AF_INET6
                    ? Inet6Address.getByAddress(null, raw, segment.get(JAVA_INT, offset + 24))
                    : InetAddress.getByAddress(raw);
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 and 16 bytes are always valid addresses", e);
        }
    }

    static int familyOf(InetAddress address) {
        return address instanceof Inet4Address ? Libc.AF_INET : Libc.AF_INET6;
    }

    private static void putPort(MemorySegment segment, long offset, int port) {
        segment.set(JAVA_BYTE, offset, (byte) (port >>> 8));
        segment.set(JAVA_BYTE, offset + 1, (byte) port);
    }

    private static boolean isMapped(byte[] raw) {
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
    }
}
