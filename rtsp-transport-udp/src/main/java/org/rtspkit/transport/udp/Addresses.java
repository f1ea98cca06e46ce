package org.rtspkit.transport.udp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Address helpers shared by the sockets and the demultiplexer. */
final class Addresses {
    private Addresses() {
    }

    /**
     * The IPv4 address inside an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}), else the address
     * itself. Datagrams from IPv4 clients arrive with an {@link Inet4Address} source, while the RTSP
     * connection's address may have been built as mapped IPv6; both must find the same session.
     */
    static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; mapped && i < 10; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new AssertionError("a 4-byte address is always valid", e);
                }
            }
        }
        return address;
    }

    /** As {@link #unmapped(InetAddress)} for a socket address; allocates only when the address is mapped. */
    static InetSocketAddress unmapped(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        InetAddress plain = unmapped(ip);
        return plain == ip ? address : new InetSocketAddress(plain, address.getPort());
    }
}
