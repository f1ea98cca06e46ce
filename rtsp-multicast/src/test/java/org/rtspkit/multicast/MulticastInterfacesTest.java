package org.rtspkit.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.multicast.MulticastInterfaces.Candidate;

class MulticastInterfacesTest {
    // Linux's lo: up, loopback, and not flagged multicast-capable.
    private static final Candidate LO = new Candidate("lo", true, false, true, true, null);
    private static final Candidate ETH0 = new Candidate("eth0", true, true, false, true, null);
    private static final Candidate WLAN0 = new Candidate("wlan0", true, true, false, true, null);

    @Test
    void realInterfacesWinOverLoopback() {
        assertEquals(List.of(ETH0, WLAN0), MulticastInterfaces.pick(List.of(LO, ETH0, WLAN0)));
    }

    @Test
    void loopbackAloneIsUsed() {
        assertEquals(List.of(LO), MulticastInterfaces.pick(List.of(LO)));
    }

    @Test
    void loopbackIsUsedWhenNoRealInterfaceQualifies() {
        Candidate down = new Candidate("eth0", false, true, false, true, null);
        Candidate noMulticast = new Candidate("tun0", true, false, false, true, null);
        Candidate ipv6Only = new Candidate("eth1", true, true, false, false, null);
        assertEquals(List.of(LO), MulticastInterfaces.pick(List.of(down, noMulticast, ipv6Only, LO)));
    }

    @Test
    void nothingQualifiesWhenLoopbackIsDownToo() {
        Candidate loDown = new Candidate("lo", false, false, true, true, null);
        Candidate down = new Candidate("eth0", false, true, false, true, null);
        assertEquals(List.of(), MulticastInterfaces.pick(List.of(loDown, down)));
        assertEquals(List.of(), MulticastInterfaces.pick(List.of()));
    }
}
