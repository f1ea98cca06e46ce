package org.rtspkit.transport.udp.linux;

/**
 * What one {@link BatchSender} has done so far. Every datagram a send method was asked for is counted
 * exactly once: taken by the kernel ({@code datagrams}), or not sent for one of three reasons.
 *
 * @param calls        system calls made ({@code sendmmsg} and {@code sendmsg})
 * @param datagrams    datagrams the kernel took (a GSO message counts as the datagrams it becomes)
 * @param wouldBlock   datagrams not sent because the socket's send buffer was full ({@code EAGAIN}); the
 *                     rest of that send is not attempted, since the buffer will not empty within it
 * @param noBuffers    datagrams not sent because the kernel had no buffer memory ({@code ENOBUFS}); the rest
 *                     of that send is not attempted either
 * @param failed       datagrams refused for one destination (unreachable network, a firewall rule, an
 *                     address the socket cannot reach); the other destinations are still sent to
 * @param gsoFallbacks GSO messages the kernel refused ({@code EIO}: no checksum offload on the way out;
 *                     {@code EMSGSIZE}, or {@code EINVAL} on older kernels: a segment larger than the path
 *                     allows) and that were sent again as
 *                     separate datagrams
 * @param lastErrno    the {@code errno} of the last failure, 0 if none
 */
public record SendCounters(long calls, long datagrams, long wouldBlock, long noBuffers, long failed,
                           long gsoFallbacks, int lastErrno) {
    /** Datagrams asked for and not taken by the kernel. */
    public long dropped() {
        return wouldBlock + noBuffers + failed;
    }
}
