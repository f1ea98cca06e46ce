package org.rtspkit.multicast;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.spi.MulticastGroup;
import org.rtspkit.spi.MulticastInbound;
import org.rtspkit.spi.MulticastProviders;
import org.rtspkit.spi.MulticastService;

/**
 * The multicast socket checks. They open real multicast sockets, so they only run in a child JVM
 * that {@link MulticastNamespaceTest} starts in a private network namespace; {@link #main} refuses
 * to run anywhere else.
 *
 * <p>Prints {@code PASS <check>} or {@code FAIL <check>: <reason>} (details indented below) per check,
 * then {@code DONE}; exits with 0 when every check passed.
 */
public final class MulticastNamespaceChecks {
    static final String LOOPBACK = "loopback";
    static final String NO_INTERFACE = "no-interface";

    /** How long to wait for a packet that should arrive. */
    private static final int WAIT_MILLIS = 3_000;
    /** How long to listen to be satisfied that a packet does not arrive. */
    private static final int SILENCE_MILLIS = 300;

    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    private MulticastNamespaceChecks() {
    }

    /** The checks of one mode, by name, in the order they run. */
    static Map<String, Check> checks(String mode) {
        Map<String, Check> checks = new LinkedHashMap<>();
        switch (mode) {
            case LOOPBACK -> {
                checks.put("loopback is the chosen interface", MulticastNamespaceChecks::loopbackIsChosen);
                checks.put("RTP and RTCP reach readers on this host", MulticastNamespaceChecks::packetsReachReaders);
                checks.put("own looped-back RTCP is ignored", MulticastNamespaceChecks::ownPacketsAreIgnored);
                checks.put("reader RTCP arrives with its source", MulticastNamespaceChecks::readerRtcpArrivesWithSource);
                checks.put("two groups on the same ports stay apart", MulticastNamespaceChecks::twoGroupsStayApart);
                checks.put("per-media group and ports are used", MulticastNamespaceChecks::overridesAreUsed);
                checks.put("closing a group frees its port", MulticastNamespaceChecks::closeFreesThePort);
                checks.put("closing the service closes its groups", MulticastNamespaceChecks::serviceCloseClosesGroups);
                checks.put("send failures are counted, never thrown", MulticastNamespaceChecks::sendFailuresAreCounted);
                checks.put("socket options", MulticastNamespaceChecks::socketOptions);
                checks.put("sending allocates nothing per packet", MulticastNamespaceChecks::sendingDoesNotAllocate);
                checks.put("a failing handler does not stop receiving", MulticastNamespaceChecks::failingHandler);
                checks.put("oversized reader RTCP is dropped", MulticastNamespaceChecks::oversizedRtcpDropped);
                checks.put("named interface", MulticastNamespaceChecks::namedInterface);
                checks.put("bad groups and ports are refused", MulticastNamespaceChecks::badGroupRefused);
            }
            case NO_INTERFACE -> {
                checks.put("no interface means no start", MulticastNamespaceChecks::noInterfaceMeansNoStart);
                checks.put("a named interface that is down is refused", MulticastNamespaceChecks::namedInterfaceDown);
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        return checks;
    }

    /**
     * @param args the mode ({@value #LOOPBACK} or {@value #NO_INTERFACE}) and the parent's network
     *             namespace ({@code readlink /proc/self/ns/net}), which this process must not share
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.out.println("usage: MulticastNamespaceChecks <" + LOOPBACK + "|" + NO_INTERFACE + "> <parent netns>");
            System.exit(2);
        }
        String mode = args[0];
        String refusal = outsideNamespace(mode, args[1]);
        if (refusal != null) {
            System.out.println("ABORT " + refusal);
            System.exit(3);
        }
        int failed = 0;
        for (Map.Entry<String, Check> check : checks(mode).entrySet()) {
            try {
                check.getValue().run();
                System.out.println("PASS " + check.getKey());
            } catch (Throwable e) {
                failed++;
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                System.out.println("FAIL " + check.getKey() + ": " + e);
                trace.toString().lines().forEach(line -> System.out.println("  " + line));
            }
        }
        System.out.println("DONE");
        System.out.flush();
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Why this process must not open multicast sockets, or null when it is safely isolated. */
    private static String outsideNamespace(String mode, String parentNamespace) throws IOException {
        String own = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        if (own.equals(parentNamespace)) {
            return "refusing to run: this process shares the network namespace " + own + " of the test JVM";
        }
        List<String> up = new ArrayList<>();
        for (NetworkInterface nif : interfaces()) {
            if (nif.isUp()) {
                up.add(nif.getName());
            }
        }
        List<String> expected = mode.equals(LOOPBACK) ? List.of("lo") : List.of();
        if (!up.equals(expected)) {
            return "refusing to run: interfaces up are " + up + ", expected " + expected;
        }
        return null;
    }

    private static List<NetworkInterface> interfaces() throws SocketException {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces());
        } catch (SocketException e) {
            return List.of();
        }
    }

    // ---- checks with lo up

    private static void loopbackIsChosen() throws Exception {
        try (MulticastService service = open(b -> b)) {
            InetAddress first = service.allocate();
            check("224.1.0.1".equals(first.getHostAddress()), "first group " + first.getHostAddress());
            check(service.rtpPort() == 8002 && service.rtcpPort() == 8003, "ports " + service.rtpPort() + "-" + service.rtcpPort());
            check(service.ttl() == 127, "advertised TTL " + service.ttl());
            try (MulticastGroup group = service.open(first, 8002, 8003, new Recorder())) {
                check(((UdpMulticastGroup) group).interfaceNames().equals(List.of("lo")),
                        "interfaces " + ((UdpMulticastGroup) group).interfaceNames());
            }
        }
    }

    private static void packetsReachReaders() throws Exception {
        try (MulticastService service = open(b -> b)) {
            InetAddress address = service.allocate();
            Recorder inbound = new Recorder();
            try (MulticastGroup group = service.open(address, 8002, 8003, inbound);
                 MulticastSocket rtpReader1 = reader(address, 8002);
                 MulticastSocket rtpReader2 = reader(address, 8002);
                 MulticastSocket rtcpReader = reader(address, 8003)) {
                byte[] rtp = bytes(0x80, 96, 0, 1, 0, 0, 0, 9, 1, 2, 3, 4, 0xAA, 0xBB);
                byte[] framed = new byte[rtp.length + 5];
                System.arraycopy(rtp, 0, framed, 3, rtp.length);
                check(group.sink().send(false, framed, 3, rtp.length), "send asked to retry");
                byte[] sr = senderReport(0x01020304);
                check(group.sink().send(true, sr, 0, sr.length), "send asked to retry");

                checkBytes(rtp, receive(rtpReader1), "first RTP reader");
                checkBytes(rtp, receive(rtpReader2), "second RTP reader");
                checkBytes(sr, receive(rtcpReader), "RTCP reader");
                check(group.sendFailures() == 0, "send failures " + group.sendFailures());
            }
        }
    }

    private static void ownPacketsAreIgnored() throws Exception {
        try (MulticastService service = open(b -> b)) {
            Recorder inbound = new Recorder();
            try (MulticastGroup group = service.open(service.allocate(), 8002, 8003, inbound)) {
                byte[] sr = senderReport(0x0A0B0C0D);
                for (int i = 0; i < 3; i++) {
                    group.sink().send(true, sr, 0, sr.length);
                }
                UdpMulticastGroup udp = (UdpMulticastGroup) group;
                waitFor(() -> udp.ownPacketsIgnored() == 3, "3 own packets ignored, saw " + udp.ownPacketsIgnored());
                inbound.expectNothing("own sender report");
            }
        }
    }

    private static void readerRtcpArrivesWithSource() throws Exception {
        try (MulticastService service = open(b -> b)) {
            InetAddress address = service.allocate();
            Recorder inbound = new Recorder();
            try (MulticastGroup group = service.open(address, 8002, 8003, inbound);
                 MulticastSocket reader = rtcpSender(address, 8003);
                 DatagramChannel other = DatagramChannel.open(StandardProtocolFamily.INET)) {
                // Receiver reports from the group's RTCP port, where the server expects them from.
                byte[] rr = receiverReport(0x11223344);
                reader.send(new DatagramPacket(rr, rr.length, new InetSocketAddress(address, 8003)));
                Received got = inbound.next("receiver report");
                checkBytes(rr, got.data(), "receiver report");
                check(got.source().equals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8003)),
                        "source " + got.source());

                // Another socket of this host, from another port: delivered too, with that port.
                other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
                byte[] rr2 = receiverReport(0x55667788);
                other.send(java.nio.ByteBuffer.wrap(rr2), new InetSocketAddress(address, 8003));
                Received got2 = inbound.next("second receiver report");
                checkBytes(rr2, got2.data(), "second receiver report");
                check(got2.source().equals(other.getLocalAddress()), "source " + got2.source() + ", sent from " + other.getLocalAddress());
                check(group.sendFailures() == 0, "send failures " + group.sendFailures());
            }
        }
    }

    private static void twoGroupsStayApart() throws Exception {
        try (MulticastService service = open(b -> b)) {
            InetAddress a = service.allocate();
            InetAddress b = service.allocate();
            check("224.1.0.2".equals(b.getHostAddress()), "second group " + b.getHostAddress());
            Recorder inboundA = new Recorder();
            Recorder inboundB = new Recorder();
            try (MulticastGroup groupA = service.open(a, 8002, 8003, inboundA);
                 MulticastGroup groupB = service.open(b, 8002, 8003, inboundB);
                 MulticastSocket readerA = reader(a, 8002);
                 MulticastSocket readerB = reader(b, 8002);
                 MulticastSocket rtcpReaderB = rtcpSender(b, 8003)) {
                byte[] pa = bytes(0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0xA);
                byte[] pb = bytes(0x80, 96, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0xB);
                groupA.sink().send(false, pa, 0, pa.length);
                groupB.sink().send(false, pb, 0, pb.length);
                checkBytes(pa, receive(readerA), "reader of A");
                checkBytes(pb, receive(readerB), "reader of B");
                expectNothing(readerA, "reader of A");
                expectNothing(readerB, "reader of B");

                byte[] rr = receiverReport(0x0B0B0B0B);
                rtcpReaderB.send(new DatagramPacket(rr, rr.length, new InetSocketAddress(b, 8003)));
                checkBytes(rr, inboundB.next("B's receiver report").data(), "B's receiver report");
                inboundA.expectNothing("A, given B's receiver report");
            }
        }
    }

    private static void overridesAreUsed() throws Exception {
        try (MulticastService service = open(b -> b)) {
            InetAddress first = InetAddress.getByName("224.2.0.50");
            InetAddress second = InetAddress.getByName("224.2.0.51");
            Recorder inbound = new Recorder();
            try (MulticastGroup g1 = service.open(first, 9000, 9001, inbound);
                 MulticastGroup g2 = service.open(second, 9002, 9003, inbound);
                 MulticastSocket r1 = reader(first, 9000);
                 MulticastSocket r2 = reader(second, 9003)) {
                byte[] rtp = bytes(0x80, 97, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0);
                g1.sink().send(false, rtp, 0, rtp.length);
                byte[] sr = senderReport(0x77);
                g2.sink().send(true, sr, 0, sr.length);
                checkBytes(rtp, receive(r1), "RTP on 224.2.0.50:9000");
                checkBytes(sr, receive(r2), "RTCP on 224.2.0.51:9003");
                check(g2.group().equals(second) && g2.rtpPort() == 9002 && g2.rtcpPort() == 9003, "group " + g2);
            }
            // The override did not consume an allocation.
            check("224.1.0.1".equals(service.allocate().getHostAddress()), "allocation after overrides");
        }
    }

    private static void closeFreesThePort() throws Exception {
        try (MulticastService service = open(b -> b)) {
            InetAddress address = service.allocate();
            MulticastGroup group = service.open(address, 8002, 8003, new Recorder());
            check(!canBindExclusively(address, 8003), "the group's RTCP port should be taken while it is open");
            group.close();
            group.close();
            check(canBindExclusively(address, 8003), "the group's RTCP port is still taken after close");
            for (DatagramChannel sender : ((UdpMulticastGroup) group).sendChannels()) {
                check(!sender.isOpen(), "a sending socket is still open");
            }
            check(!((UdpMulticastService) service).groups().contains(group), "the service still lists the group");
            // A closed group's sink still never throws.
            byte[] rtp = bytes(0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
            check(group.sink().send(false, rtp, 0, rtp.length), "send asked to retry");
            check(group.sendFailures() == 1, "send failures after close " + group.sendFailures());
            // The same group opens again.
            try (MulticastGroup again = service.open(address, 8002, 8003, new Recorder())) {
                check(again.group().equals(address), "reopened " + again);
            }
        }
    }

    private static void serviceCloseClosesGroups() throws Exception {
        MulticastService service = open(b -> b);
        InetAddress a = service.allocate();
        InetAddress b = service.allocate();
        MulticastGroup ga = service.open(a, 8002, 8003, new Recorder());
        MulticastGroup gb = service.open(b, 8002, 8003, new Recorder());
        Thread receiver = ((UdpMulticastService) service).receiver();
        check(receiver.isAlive() && receiver.getName().equals(UdpMulticastService.THREAD_NAME), "receive thread " + receiver);
        service.close();
        service.close();
        check(!receiver.isAlive(), "the receive thread is still running");
        check(canBindExclusively(a, 8003) && canBindExclusively(b, 8003), "a group's port is still taken");
        check(!((UdpMulticastGroup) ga).channel().isOpen() && !((UdpMulticastGroup) gb).channel().isOpen(),
                "a receiving socket is still open");
        try {
            service.open(a, 8002, 8003, new Recorder());
            throw new AssertionError("a closed service opened a group");
        } catch (IllegalStateException expected) {
            check(expected.getMessage().equals("the multicast service is closed"), expected.getMessage());
        }
    }

    private static void sendFailuresAreCounted() throws Exception {
        try (MulticastService service = open(b -> b)) {
            try (MulticastGroup group = service.open(service.allocate(), 8002, 8003, new Recorder())) {
                // Larger than any IPv4 datagram: refused by the system, or before it.
                byte[] tooBig = new byte[65_600];
                tooBig[0] = (byte) 0x80;
                check(group.sink().send(false, tooBig, 0, 65_508), "send asked to retry");
                check(group.sendFailures() == 1, "failures after a 65,508-byte packet: " + group.sendFailures());
                check(group.sink().send(false, tooBig, 0, tooBig.length), "send asked to retry");
                check(group.sendFailures() == 2, "failures after a 65,600-byte packet: " + group.sendFailures());
                // The sink still works afterwards.
                try (MulticastSocket reader = reader(group.group(), 8002)) {
                    byte[] rtp = bytes(0x80, 96, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0);
                    group.sink().send(false, rtp, 0, rtp.length);
                    checkBytes(rtp, receive(reader), "RTP after failures");
                }
            }
        }
    }

    private static void socketOptions() throws Exception {
        for (int ttl : new int[] {16, 5}) {
            UnaryOperator<ServerConfig.Builder> settings = ttl == 16 ? b -> b : b -> b.multicastTtl(5);
            try (MulticastService service = open(settings);
                 MulticastGroup group = service.open(service.allocate(), 8002, 8003, new Recorder())) {
                UdpMulticastGroup udp = (UdpMulticastGroup) group;
                check(udp.sendChannels().length == 1, "sending sockets " + udp.sendChannels().length);
                DatagramChannel sender = udp.sendChannels()[0];
                check(sender.getOption(StandardSocketOptions.IP_MULTICAST_TTL) == ttl,
                        "TTL " + sender.getOption(StandardSocketOptions.IP_MULTICAST_TTL) + ", configured " + ttl);
                check(sender.getOption(StandardSocketOptions.IP_MULTICAST_LOOP), "loopback off");
                check("lo".equals(sender.getOption(StandardSocketOptions.IP_MULTICAST_IF).getName()),
                        "interface " + sender.getOption(StandardSocketOptions.IP_MULTICAST_IF));
                check(udp.channel().getOption(StandardSocketOptions.SO_REUSEADDR), "receiving socket without address reuse");
                check(udp.channel().getLocalAddress().equals(new InetSocketAddress(group.group(), 8003)),
                        "receiving socket bound to " + udp.channel().getLocalAddress());
                check(service.ttl() == 127, "advertised TTL " + service.ttl());
            }
        }
    }

    private static void sendingDoesNotAllocate() throws Exception {
        try (MulticastService service = open(b -> b);
             MulticastGroup group = service.open(service.allocate(), 8002, 8003, new Recorder())) {
            byte[] rtp = new byte[1200];
            rtp[0] = (byte) 0x80;
            byte[] sr = senderReport(0x42);
            for (int i = 0; i < 20_000; i++) {
                group.sink().send(false, rtp, 0, rtp.length);
                group.sink().send(true, sr, 0, sr.length);
            }
            // The counter must see allocations at all, or the check below would pass for nothing.
            long probe = allocatedBytes();
            byte[] sized = new byte[100_000];
            check(sized.length > 0 && allocatedBytes() - probe >= 100_000, "the allocation counter does not count");
            int packets = 20_000;
            long before = allocatedBytes();
            for (int i = 0; i < packets / 2; i++) {
                group.sink().send(false, rtp, 0, rtp.length);
                group.sink().send(true, sr, 0, sr.length);
            }
            long allocated = allocatedBytes() - before;
            // A few hundred bytes of slack for the counter itself; one small object per packet would be 320,000.
            check(allocated < 4_096, allocated + " bytes allocated for " + packets + " packets");
            check(group.sendFailures() == 0, "send failures " + group.sendFailures());
        }
    }

    /**
     * Bytes this thread has allocated so far. Reached reflectively: the test sources are compiled into
     * the module, which does not read java.management; the child runs on the class path, where it can.
     */
    private static long allocatedBytes() throws ReflectiveOperationException {
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        Class<?> counting = Class.forName("com.sun.management.ThreadMXBean");
        return (Long) counting.getMethod("getThreadAllocatedBytes", long.class).invoke(threads, Thread.currentThread().getId());
    }

    private static void failingHandler() throws Exception {
        try (MulticastService service = open(b -> b)) {
            InetAddress address = service.allocate();
            Recorder recorder = new Recorder();
            boolean[] first = {true};
            MulticastInbound failingOnce = (source, data, offset, length) -> {
                if (first[0]) {
                    first[0] = false;
                    throw new IllegalStateException("handler failure on purpose");
                }
                recorder.rtcp(source, data, offset, length);
            };
            try (MulticastGroup group = service.open(address, 8002, 8003, failingOnce);
                 MulticastSocket reader = rtcpSender(address, 8003)) {
                byte[] rr1 = receiverReport(1);
                byte[] rr2 = receiverReport(2);
                reader.send(new DatagramPacket(rr1, rr1.length, new InetSocketAddress(address, 8003)));
                reader.send(new DatagramPacket(rr2, rr2.length, new InetSocketAddress(address, 8003)));
                checkBytes(rr2, recorder.next("report after the failure").data(), "report after the failure");
                check(((UdpMulticastService) service).receiver().isAlive(), "the receive thread died");
                check(group.sendFailures() == 0, "send failures " + group.sendFailures());
            }
        }
    }

    private static void oversizedRtcpDropped() throws Exception {
        try (MulticastService service = open(b -> b.maxPacketSize(200))) {
            InetAddress address = service.allocate();
            Recorder inbound = new Recorder();
            try (MulticastGroup group = service.open(address, 8002, 8003, inbound);
                 MulticastSocket reader = rtcpSender(address, 8003)) {
                byte[] big = new byte[201];
                byte[] fits = new byte[200];
                fits[0] = big[0] = (byte) 0x80;
                reader.send(new DatagramPacket(big, big.length, new InetSocketAddress(address, 8003)));
                reader.send(new DatagramPacket(fits, fits.length, new InetSocketAddress(address, 8003)));
                checkBytes(fits, inbound.next("200-byte packet").data(), "200-byte packet");
                inbound.expectNothing("after the 200-byte packet");
                check(((UdpMulticastGroup) group).tooBigDrops() == 1, "too-big drops " + ((UdpMulticastGroup) group).tooBigDrops());
            }
        }
    }

    private static void namedInterface() throws Exception {
        try (MulticastService service = open(b -> b.multicastInterface("lo"));
             MulticastGroup group = service.open(service.allocate(), 8002, 8003, new Recorder());
             MulticastSocket reader = reader(group.group(), 8002)) {
            check(((UdpMulticastGroup) group).interfaceNames().equals(List.of("lo")), "interfaces");
            byte[] rtp = bytes(0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
            group.sink().send(false, rtp, 0, rtp.length);
            checkBytes(rtp, receive(reader), "RTP through the named interface");
        }
        try {
            open(b -> b.multicastInterface("nope0")).close();
            throw new AssertionError("an unknown interface was accepted");
        } catch (IllegalArgumentException expected) {
            check("multicast interface (nope0) not found".equals(expected.getMessage()), expected.getMessage());
        }
    }

    private static void badGroupRefused() throws Exception {
        try (MulticastService service = open(b -> b)) {
            expectRefusal(() -> service.open(InetAddress.getByName("10.0.0.1"), 8002, 8003, new Recorder()),
                    "multicast group (10.0.0.1) must be an IPv4 multicast address (224.0.0.0/4)");
            expectRefusal(() -> service.open(InetAddress.getByName("ff02::1"), 8002, 8003, new Recorder()),
                    "multicast group (ff02:0:0:0:0:0:0:1) must be an IPv4 multicast address (224.0.0.0/4)");
            expectRefusal(() -> service.open(InetAddress.getByName("224.1.0.9"), 0, 8003, new Recorder()),
                    "multicast RTP port (0) must be between 1 and 65535");
            expectRefusal(() -> service.open(InetAddress.getByName("224.1.0.9"), 8002, 70_000, new Recorder()),
                    "multicast RTCP port (70000) must be between 1 and 65535");
            check(((UdpMulticastService) service).groups().isEmpty(), "a refused group was kept");
        }
    }

    // ---- checks with no interface up

    private static void noInterfaceMeansNoStart() throws Exception {
        try {
            open(b -> b).close();
            throw new AssertionError("multicast started without any interface");
        } catch (IOException expected) {
            check("no multicast-capable interfaces found".equals(expected.getMessage()), expected.getMessage());
        }
    }

    private static void namedInterfaceDown() throws Exception {
        try {
            open(b -> b.multicastInterface("lo")).close();
            throw new AssertionError("multicast started on an interface that is down");
        } catch (IOException | IllegalArgumentException expected) {
            // The JDK does not list an interface without a configured address, which lo is while down.
            check("multicast interface (lo) is down".equals(expected.getMessage())
                    || "multicast interface (lo) not found".equals(expected.getMessage()), expected.getMessage());
        }
    }

    // ---- helpers

    private static MulticastService open(UnaryOperator<ServerConfig.Builder> settings) throws IOException {
        ServerConfig config = settings.apply(ServerConfig.builder()
                .rtspAddress(new InetSocketAddress("127.0.0.1", 0))
                .multicastIpRange("224.1.0.0/16").multicastRtpPort(8002).multicastRtcpPort(8003)).build();
        // Through the lookup facade, as the engine does; on the class path, via META-INF/services.
        return MulticastProviders.require().open(config).orElseThrow();
    }

    /** A receiving reader: bound to the group and port with address reuse, joined on lo. */
    private static MulticastSocket reader(InetAddress group, int port) throws IOException {
        return reader(group, port, group);
    }

    /**
     * A reader that also sends receiver reports: bound to the wildcard address, since Linux refuses
     * to send from a socket bound to a multicast address, and to the group's RTCP port, which the
     * server expects readers' RTCP to come from.
     */
    private static MulticastSocket rtcpSender(InetAddress group, int port) throws IOException {
        return reader(group, port, InetAddress.getByName("0.0.0.0"));
    }

    private static MulticastSocket reader(InetAddress group, int port, InetAddress bindTo) throws IOException {
        MulticastSocket socket = new MulticastSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(bindTo, port));
        socket.joinGroup(new InetSocketAddress(group, 0), NetworkInterface.getByName("lo"));
        socket.setSoTimeout(WAIT_MILLIS);
        return socket;
    }

    private static byte[] receive(MulticastSocket socket) throws IOException {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(WAIT_MILLIS);
        socket.receive(packet);
        return Arrays.copyOfRange(buffer, 0, packet.getLength());
    }

    private static void expectNothing(MulticastSocket socket, String what) throws IOException {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(SILENCE_MILLIS);
        try {
            socket.receive(packet);
            throw new AssertionError(what + " received an unexpected packet of " + packet.getLength() + " bytes");
        } catch (SocketTimeoutException expected) {
            // nothing arrived, as it should
        }
    }

    /** Whether a socket without address reuse can bind the port, that is, no socket of ours holds it. */
    private static boolean canBindExclusively(InetAddress group, int port) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            probe.bind(new InetSocketAddress(group, port));
            return true;
        } catch (java.net.BindException e) {
            return false;
        }
    }

    private interface Refused {
        void run() throws Exception;
    }

    private static void expectRefusal(Refused action, String message) throws Exception {
        try {
            action.run();
            throw new AssertionError("accepted; expected: " + message);
        } catch (IllegalArgumentException e) {
            check(message.equals(e.getMessage()), "message was: " + e.getMessage());
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static void checkBytes(byte[] expected, byte[] actual, String what) {
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionError(what + ": expected " + Arrays.toString(expected) + " but got " + Arrays.toString(actual));
        }
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** An RTCP sender report without report blocks (28 bytes). */
    private static byte[] senderReport(int ssrc) {
        byte[] b = new byte[28];
        b[0] = (byte) 0x80;
        b[1] = (byte) 200;
        b[3] = 6;
        putInt(b, 4, ssrc);
        return b;
    }

    /** An RTCP receiver report without report blocks (8 bytes). */
    private static byte[] receiverReport(int ssrc) {
        byte[] b = new byte[8];
        b[0] = (byte) 0x80;
        b[1] = (byte) 201;
        b[3] = 1;
        putInt(b, 4, ssrc);
        return b;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private record Received(InetSocketAddress source, byte[] data) {
    }

    /** Copies what the service delivers, for the check thread to wait on. */
    private static final class Recorder implements MulticastInbound {
        private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

        @Override
        public void rtcp(InetSocketAddress source, byte[] data, int offset, int length) {
            received.add(new Received(source, Arrays.copyOfRange(data, offset, offset + length)));
        }

        Received next(String what) throws InterruptedException {
            Received r = received.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError("timed out waiting for " + what);
            }
            return r;
        }

        void expectNothing(String what) throws InterruptedException {
            Received r = received.poll(SILENCE_MILLIS, TimeUnit.MILLISECONDS);
            if (r != null) {
                throw new AssertionError(what + ": unexpected RTCP from " + r.source() + ": " + Arrays.toString(r.data()));
            }
        }
    }
}
