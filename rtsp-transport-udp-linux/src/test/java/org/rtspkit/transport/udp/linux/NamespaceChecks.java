package org.rtspkit.transport.udp.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that need a network of their own, run by {@link NamespaceTest} in a child JVM inside a network
 * namespace: the sender's own send buffer filling up (a token-bucket queue on {@code lo} holds the
 * packets, and with them the socket's send-buffer memory, which plain loopback frees within the send
 * call), and the kernel refusing a GSO message (an MTU on {@code lo} below the segment size). Prints
 * {@code PASS name} or {@code FAIL name: why} per check; exits 1 when one failed.
 */
public final class NamespaceChecks {
    /** A throttled {@code lo}: {@code tc qdisc add dev lo root tbf rate 1mbit burst 1600 latency 2s}. */
    static final String FULL_BUFFER = "full-buffer";
    /** {@code ip link set lo mtu 1500}, no queueing discipline. */
    static final String SMALL_MTU = "small-mtu";

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    interface Check {
        void run() throws Exception;
    }

    static Map<String, Check> checks(String mode) {
        Map<String, Check> checks = new LinkedHashMap<>();
        if (mode.equals(FULL_BUFFER)) {
            checks.put("sendmmsg stops at a full send buffer and counts every datagram not sent",
                    NamespaceChecks::fullBufferSendToAll);
            checks.put("a GSO burst stops at a full send buffer and counts every segment not sent",
                    NamespaceChecks::fullBufferSegments);
        } else {
            checks.put("a GSO message the kernel refuses goes out as separate datagrams",
                    NamespaceChecks::refusedGsoToOne);
            checks.put("a GSO burst to many the kernel refuses goes out as separate datagrams to each",
                    NamespaceChecks::refusedGsoToAll);
        }
        return checks;
    }

    public static void main(String[] args) {
        boolean ok = true;
        if (!LinuxUdp.availability().available()) {
            System.out.println("FAIL setup: " + LinuxUdp.availability().description());
            System.exit(1);
        }
        for (Map.Entry<String, Check> check : checks(args[0]).entrySet()) {
            try {
                check.getValue().run();
                System.out.println("PASS " + check.getKey());
            } catch (Throwable e) {
                ok = false;
                System.out.println("FAIL " + check.getKey() + ": " + e);
                for (StackTraceElement frame : e.getStackTrace()) {
                    System.out.println("  at " + frame);
                }
            }
        }
        System.exit(ok ? 0 : 1);
    }

    private static BatchUdpSocket tinyBuffer() throws IOException {
        // The smallest send buffer Linux allows (it raises 1 to about 4.6 kB): three 1,400-byte packets.
        return LinuxUdp.open(new InetSocketAddress(LOOPBACK, 0), new LinuxUdp.Options(1, true));
    }

    private static void fullBufferSendToAll() throws Exception {
        int n = 200;
        try (BatchUdpSocket socket = tinyBuffer(); Receivers receiver = new Receivers(1, LOOPBACK);
             UdpDestinations to = socket.newDestinations(n); BatchSender sender = socket.newSender()) {
            for (int i = 0; i < n; i++) {
                to.add(receiver.address(0));
            }
            int taken = sender.sendToAll(new byte[1400], 0, 1400, to);
            SendCounters c = sender.counters();
            check(taken >= 1 && taken < n, "taken " + taken + " of " + n + " with a " + socket.sendBufferSize()
                    + "-byte send buffer: " + c);
            check(c.datagrams() == taken, "counted " + c);
            check(c.wouldBlock() == n - taken, "every datagram not sent is counted as would-block: " + c);
            check(c.noBuffers() == 0 && c.failed() == 0, "nothing else: " + c);
            check(c.lastErrno() == Errno.EAGAIN, "EAGAIN: " + c);
            check(c.calls() == 2, "one partial sendmmsg and one that reports EAGAIN: " + c);
            for (int i = 0; i < n; i++) {
                long expected = i < taken ? 0 : 1;
                check(to.dropped(i) == expected, "destination " + i + " dropped " + to.dropped(i));
            }
        }
    }

    private static void fullBufferSegments() throws Exception {
        try (BatchUdpSocket socket = tinyBuffer(); Receivers receiver = new Receivers(1, LOOPBACK);
             UdpDestinations to = socket.newDestinations(1); BatchSender sender = socket.newSender()) {
            to.add(receiver.address(0));
            // 100 segments: messages of 46, 46 and 8. The first fills the buffer.
            int taken = sender.sendSegments(ByteBuffer.allocate(100 * 1400), 1400, to, 0);
            SendCounters c = sender.counters();
            check(taken == 46, "the first GSO message is taken whole, the rest is not: " + taken + ", " + c);
            check(c.wouldBlock() == 54 && to.dropped(0) == 54, "the other 54 segments counted: " + c);
            check(c.datagrams() == 46 && c.failed() == 0 && c.gsoFallbacks() == 0, "counted " + c);
        }
    }

    private static void refusedGsoToOne() throws Exception {
        try (BatchUdpSocket socket = LinuxUdp.open(new InetSocketAddress(LOOPBACK, 0), LinuxUdp.Options.DEFAULT);
             Receivers receiver = new Receivers(1, LOOPBACK);
             UdpDestinations to = socket.newDestinations(1); BatchSender sender = socket.newSender()) {
            check(socket.gso(), "GSO available");
            to.add(receiver.address(0));
            byte[] burst = Receivers.pattern(3 * 2000 + 10, 20);
            int taken = sender.sendSegments(ByteBuffer.wrap(burst), 2000, to, 0);
            SendCounters c = sender.counters();
            check(taken == 4, "all four segments taken: " + taken + ", " + c);
            check(c.gsoFallbacks() == 1 && c.lastErrno() == 0 && c.dropped() == 0,
                    "one refused GSO message, nothing dropped: " + c);
            check(c.calls() == 2, "the refused sendmsg, then one sendmmsg: " + c);
            expectSegments(receiver, 0, burst, 2000);
            // The list remembers: the next burst goes straight out as separate datagrams.
            sender.sendSegments(ByteBuffer.wrap(burst), 2000, to, 0);
            check(sender.counters().calls() == 3 && sender.counters().gsoFallbacks() == 1, "no second try: "
                    + sender.counters());
            expectSegments(receiver, 0, burst, 2000);
        }
    }

    private static void refusedGsoToAll() throws Exception {
        try (BatchUdpSocket socket = LinuxUdp.open(new InetSocketAddress(LOOPBACK, 0), LinuxUdp.Options.DEFAULT);
             Receivers receivers = new Receivers(3, LOOPBACK);
             UdpDestinations to = socket.newDestinations(3); BatchSender sender = socket.newSender()) {
            for (int i = 0; i < 3; i++) {
                to.add(receivers.address(i));
            }
            byte[] burst = Receivers.pattern(2 * 3000, 21);
            int taken = sender.sendSegmentsToAll(ByteBuffer.wrap(burst), 3000, to);
            SendCounters c = sender.counters();
            check(taken == 6, "two segments to each of three: " + taken + ", " + c);
            check(c.datagrams() == 6 && c.dropped() == 0 && c.gsoFallbacks() == 3, "counted " + c);
            for (int i = 0; i < 3; i++) {
                expectSegments(receivers, i, burst, 3000);
            }
        }
    }

    private static void expectSegments(Receivers receivers, int i, byte[] burst, int segment) throws IOException {
        List<Receivers.Datagram> got = receivers.drain(i);
        int expected = (burst.length + segment - 1) / segment;
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (got.size() < expected && System.nanoTime() < deadline) {
            got = new java.util.ArrayList<>(got);
            got.addAll(receivers.drain(i));
        }
        check(got.size() == expected, "receiver " + i + " got " + got.size() + " datagrams, expected " + expected);
        for (int k = 0; k < expected; k++) {
            byte[] want = Arrays.copyOfRange(burst, k * segment, Math.min(burst.length, (k + 1) * segment));
            check(Arrays.equals(want, got.get(k).bytes()), "receiver " + i + " datagram " + k + " differs");
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
