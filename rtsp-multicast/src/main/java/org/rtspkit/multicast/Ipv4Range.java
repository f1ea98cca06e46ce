package org.rtspkit.multicast;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 network in CIDR notation, held as ints so that stepping through it costs no allocation.
 *
 * @param network      the network address (host bits zero)
 * @param prefixLength the number of network bits, 0 to 32
 */
record Ipv4Range(int network, int prefixLength) {
    /** 224.0.0.0/4, where every IPv4 multicast group lives. */
    private static final int MULTICAST_NETWORK = 0xE000_0000;
    private static final int MULTICAST_PREFIX = 4;

    Ipv4Range {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length (" + prefixLength + ") must be between 0 and 32");
        }
        network &= mask(prefixLength);
    }

    /**
     * Parses {@code a.b.c.d/n}. Host bits in the address are cleared, as {@code 224.1.2.3/16} means
     * the network {@code 224.1.0.0/16}. Only dotted decimal is accepted, so no name is ever looked up.
     *
     * @throws IllegalArgumentException saying what was wrong, naming the setting
     */
    static Ipv4Range parseMulticast(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            throw invalid(cidr, "expected an IPv4 network such as 224.1.0.0/16");
        }
        int address = parseAddress(cidr, text.substring(0, slash));
        String prefixText = text.substring(slash + 1);
        int prefix = parseDecimal(prefixText, 2);
        if (prefix < 0 || prefix > 32) {
            throw invalid(cidr, "prefix length '" + prefixText + "' is not a number between 0 and 32");
        }
        Ipv4Range range = new Ipv4Range(address, prefix);
        if (prefix < MULTICAST_PREFIX || (range.network & mask(MULTICAST_PREFIX)) != MULTICAST_NETWORK) {
            throw new IllegalArgumentException(
                    "multicast IP range (" + cidr + ") is not inside the IPv4 multicast range 224.0.0.0/4");
        }
        return range;
    }

    private static int parseAddress(String cidr, String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(cidr, "'" + text + "' is not an IPv4 address");
        }
        int address = 0;
        for (String part : parts) {
            int octet = parseDecimal(part, 3);
            if (octet < 0 || octet > 255) {
                throw invalid(cidr, "'" + text + "' is not an IPv4 address");
            }
            address = (address << 8) | octet;
        }
        return address;
    }

    /** A short run of ASCII digits, or -1. */
    private static int parseDecimal(String text, int maxDigits) {
        if (text.isEmpty() || text.length() > maxDigits) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static IllegalArgumentException invalid(String cidr, String reason) {
        return new IllegalArgumentException("invalid multicast IP range (" + cidr + "): " + reason);
    }

    static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    int mask() {
        return mask(prefixLength);
    }

    /** The address after {@code ip} inside this range: the host part counts up and wraps to zero. */
    int next(int ip) {
        int mask = mask();
        return (ip & mask) | ((ip + 1) & ~mask);
    }

    boolean contains(int ip) {
        return (ip & mask()) == network;
    }

    static InetAddress toAddress(int ip) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip});
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }

    static String format(int ip) {
        return (ip >>> 24) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }
}
