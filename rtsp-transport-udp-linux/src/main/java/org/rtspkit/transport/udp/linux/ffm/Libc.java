package org.rtspkit.transport.udp.linux.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls this module makes, with {@code errno} captured per call (the JVM may run code of
 * its own between a call and a later read of {@code errno}), and the Linux constants and structure
 * layouts of x86-64 and AArch64, which {@code LinuxUdp.precheck()} limits us to.
 *
 * <p>The two calls on the send path take their structure pointers as plain {@code long} addresses
 * rather than {@link MemorySegment}s: on both ABIs a pointer argument travels in a general-purpose
 * register like a 64-bit integer, and passing the address spares a segment object per call (a slice of
 * the message array would be one).
 */
final class Libc {
    // <sys/socket.h>, <netinet/in.h>, <netinet/udp.h> on x86-64 and AArch64 Linux
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;
    static final int SOL_UDP = 17;
    static final int UDP_SEGMENT = 103;

    // struct iovec { void *iov_base; size_t iov_len; }
    static final long IOVEC_SIZE = 16;
    static final long IOV_BASE = 0;
    static final long IOV_LEN = 8;

    // struct msghdr { void *msg_name; socklen_t msg_namelen; struct iovec *msg_iov; size_t msg_iovlen;
    //                 void *msg_control; size_t msg_controllen; int msg_flags; }
    static final long MSGHDR_SIZE = 56;
    static final long MSG_NAME = 0;
    static final long MSG_NAMELEN = 8;
    static final long MSG_IOV = 16;
    static final long MSG_IOVLEN = 24;
    static final long MSG_CONTROL = 32;
    static final long MSG_CONTROLLEN = 40;

    // struct mmsghdr { struct msghdr msg_hdr; unsigned int msg_len; }
    static final long MMSGHDR_SIZE = 64;

    // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } followed by the data, here the
    // segment size as a uint16_t: CMSG_LEN(2) = 18, CMSG_SPACE(2) = 24.
    static final long CMSG_LEVEL = 8;
    static final long CMSG_TYPE = 12;
    static final long CMSG_DATA = 16;
    static final long SEGMENT_CMSG_LEN = 18;
    static final long SEGMENT_CMSG_SPACE = 24;

    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET;
    private static final MethodHandle BIND;
    private static final MethodHandle SETSOCKOPT;
    private static final MethodHandle GETSOCKOPT;
    private static final MethodHandle GETSOCKNAME;
    private static final MethodHandle CLOSE;
    private static final MethodHandle SENDMMSG;
    private static final MethodHandle SENDMSG;

    static {
        Linker linker = Linker.nativeLinker();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        SOCKET = handle(linker, "socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), errno);
        BIND = handle(linker, "bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), errno);
        SETSOCKOPT = handle(linker, "setsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), errno);
        GETSOCKOPT = handle(linker, "getsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), errno);
        GETSOCKNAME = handle(linker, "getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), errno);
        CLOSE = handle(linker, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), errno);
        // int sendmmsg(int sockfd, struct mmsghdr *msgvec, unsigned int vlen, int flags)
        SENDMMSG = handle(linker, "sendmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT),
                errno);
        // ssize_t sendmsg(int sockfd, const struct msghdr *msg, int flags)
        SENDMSG = handle(linker, "sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT), errno);
    }

    private Libc() {
    }

    private static MethodHandle handle(Linker linker, String name, FunctionDescriptor descriptor, Linker.Option option) {
        MemorySegment symbol = linker.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no " + name));
        return linker.downcallHandle(symbol, descriptor, option);
    }

    /** The {@code errno} the last call made with {@code capture} left. */
    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    static int socket(MemorySegment capture, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(capture, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int bind(MemorySegment capture, int fd, MemorySegment address, int length) {
        try {
            return (int) BIND.invokeExact(capture, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int setsockopt(MemorySegment capture, int fd, int level, int name, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(capture, fd, level, name, value, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getsockopt(MemorySegment capture, int fd, int level, int name, MemorySegment value, MemorySegment length) {
        try {
            return (int) GETSOCKOPT.invokeExact(capture, fd, level, name, value, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getsockname(MemorySegment capture, int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) GETSOCKNAME.invokeExact(capture, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int close(MemorySegment capture, int fd) {
        try {
            return (int) CLOSE.invokeExact(capture, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code sendmmsg(fd, msgvec, vlen, 0)}: the number of messages sent, or -1 and {@code errno}. */
    static int sendmmsg(MemorySegment capture, int fd, long msgvec, int vlen) {
        try {
            return (int) SENDMMSG.invokeExact(capture, fd, msgvec, vlen, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code sendmsg(fd, msg, 0)}: the bytes sent, or -1 and {@code errno}. */
    static long sendmsg(MemorySegment capture, int fd, long msg) {
        try {
            return (long) SENDMSG.invokeExact(capture, fd, msg, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("a native call failed", t);
    }
}
