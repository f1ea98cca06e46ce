package org.rtspkit.server.options;

import com.google.common.base.CharMatcher;
import com.google.common.net.HostAndPort;
import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The {@code host:port} notation of the server's flags: {@code 127.0.0.1:8554}, {@code :8554} (every
 * interface) and {@code [::1]:8554} (IPv6 hosts in brackets, as in URLs). Guava's {@link HostAndPort}
 * splits the text and {@link InetAddresses} reads and writes address literals; what is left here is
 * the flags' own rules (a port is required and is digits only, an empty host is every interface) and
 * their messages.
 */
public final class AddressFlags {
    private static final CharMatcher DIGITS = CharMatcher.inRange('0', '9');

    private AddressFlags() {
    }

    /**
     * Parses a flag value.
     *
     * @param flag the flag the value belongs to, for the error message
     * @throws UsageException when the value is not an address, the port is out of range or the host is unknown
     */
    public static InetSocketAddress parse(String flag, String value) {
        HostAndPort hostAndPort;
        try {
            hostAndPort = HostAndPort.fromString(value).requireBracketsForIPv6();
        } catch (IllegalArgumentException e) {
            throw refusal(flag, value);
        }
        if (!hostAndPort.hasPort()) {
            throw value.endsWith(":") ? badPort(flag, "") : notAnAddress(flag, value);
        }
        // Digits only: HostAndPort also takes "-0", as Integer.parseInt does.
        String port = value.substring(value.lastIndexOf(':') + 1);
        if (!DIGITS.matchesAllOf(port)) {
            throw badPort(flag, port);
        }
        String host = hostAndPort.getHost();
        if (host.isEmpty()) {
            return new InetSocketAddress(hostAndPort.getPort());
        }
        if (InetAddresses.isInetAddress(host)) {
            return new InetSocketAddress(InetAddresses.forString(host), hostAndPort.getPort());
        }
        InetSocketAddress address = new InetSocketAddress(host, hostAndPort.getPort());
        if (address.isUnresolved()) {
            throw new UsageException(flag + ": unknown host '" + host + "'");
        }
        return address;
    }

    /** Why HostAndPort refused the value, in the flags' words. */
    private static UsageException refusal(String flag, String value) {
        int lastColon = value.lastIndexOf(':');
        if (!value.startsWith("[") && value.indexOf(':') != lastColon) {
            return new UsageException(flag + ": '" + value + "' is not an address: write IPv6 hosts in brackets, "
                    + "as in [::1]:8554");
        }
        if (lastColon >= 0 && (!value.startsWith("[") || value.indexOf(']') < lastColon)) {
            return badPort(flag, value.substring(lastColon + 1));
        }
        return notAnAddress(flag, value);
    }

    private static UsageException badPort(String flag, String port) {
        return new UsageException(flag + ": port '" + port + "' is not a number between 0 and 65535");
    }

    private static UsageException notAnAddress(String flag, String value) {
        return new UsageException(flag + ": '" + value + "' is not an address: expected host:port, :port or [ipv6]:port");
    }

    /** The flag notation: {@code :8554} for every interface, {@code [::1]:8554}, {@code 127.0.0.1:8554}. */
    public static String format(InetSocketAddress address) {
        InetAddress host = address.getAddress();
        if (host != null && host.isAnyLocalAddress()) {
            return ":" + address.getPort();
        }
        return authority(address);
    }

    /**
     * The URL notation: {@code 0.0.0.0:8554}, {@code [::1]:8554}, {@code 127.0.0.1:8554}; IPv6 in its short
     * form (RFC 5952), without a scope.
     */
    public static String authority(InetSocketAddress address) {
        InetAddress host = address.getAddress();
        String literal = host == null ? address.getHostString() : InetAddresses.toAddrString(withoutScope(host));
        return HostAndPort.fromParts(literal, address.getPort()).toString();
    }

    private static InetAddress withoutScope(InetAddress host) {
        if (host instanceof Inet6Address v6 && (v6.getScopeId() != 0 || v6.getScopedInterface() != null)) {
            try {
                return InetAddress.getByAddress(v6.getAddress());
            } catch (UnknownHostException e) {
                throw new AssertionError("16 bytes are always an IPv6 address", e);
            }
        }
        return host;
    }
}
