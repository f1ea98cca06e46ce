package org.rtspkit.server.options;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The {@code host:port} notation of the server's flags: {@code 127.0.0.1:8554}, {@code :8554} (every
 * interface) and {@code [::1]:8554} (IPv6 hosts in brackets, as in URLs).
 */
public final class HostPort {
    private HostPort() {
    }

    /**
     * Parses a flag value.
     *
     * @param flag the flag the value belongs to, for the error message
     * @throws UsageException when the value is not an address, the port is out of range or the host is unknown
     */
    public static InetSocketAddress parse(String flag, String value) {
        String host;
        String port;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0 || end + 1 >= value.length() || value.charAt(end + 1) != ':') {
                throw notAnAddress(flag, value);
            }
            host = value.substring(1, end);
            port = value.substring(end + 2);
            if (host.isEmpty()) {
                throw notAnAddress(flag, value);
            }
        } else {
            int colon = value.lastIndexOf(':');
            if (colon < 0) {
                throw notAnAddress(flag, value);
            }
            host = value.substring(0, colon);
            port = value.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new UsageException(flag + ": '" + value + "' is not an address: write IPv6 hosts in brackets, "
                        + "as in [::1]:8554");
            }
        }
        int number = parsePort(flag, port);
        if (host.isEmpty()) {
            return new InetSocketAddress(number);
        }
        InetSocketAddress address = new InetSocketAddress(host, number);
        if (address.isUnresolved()) {
            throw new UsageException(flag + ": unknown host '" + host + "'");
        }
        return address;
    }

    private static int parsePort(String flag, String port) {
        // Digits only: Integer.parseInt would also take "+80" and "-0".
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UsageException(flag + ": port '" + port + "' is not a number between 0 and 65535");
        }
        int number = Integer.parseInt(port);
        if (number > 65535) {
            throw new UsageException(flag + ": port '" + port + "' is not a number between 0 and 65535");
        }
        return number;
    }

    private static UsageException notAnAddress(String flag, String value) {
        return new UsageException(flag + ": '" + value + "' is not an address: expected host:port, :port or [ipv6]:port");
    }

    /** The flag notation: {@code :8554} for every interface, {@code [::1]:8554}, {@code 127.0.0.1:8554}. */
    public static String format(InetSocketAddress address) {
        InetAddress host = address.getAddress();
        if (host == null) {
            return address.getHostString() + ":" + address.getPort();
        }
        if (host.isAnyLocalAddress()) {
            return ":" + address.getPort();
        }
        return authority(address);
    }

    /** The URL notation: {@code 0.0.0.0:8554}, {@code [::1]:8554}, {@code 127.0.0.1:8554}. */
    public static String authority(InetSocketAddress address) {
        InetAddress host = address.getAddress();
        if (host == null) {
            return address.getHostString() + ":" + address.getPort();
        }
        String literal = host instanceof Inet6Address ? "[" + compressed(host.getAddress()) + "]" : host.getHostAddress();
        return literal + ":" + address.getPort();
    }

    /** The short IPv6 form of RFC 5952 ({@code ::1} rather than {@code 0:0:0:0:0:0:0:1}), without a scope. */
    private static String compressed(byte[] ip) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((ip[2 * i] & 0xFF) << 8) | (ip[2 * i + 1] & 0xFF);
        }
        // The longest run of two or more zero groups (the first of equal runs) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }
}
