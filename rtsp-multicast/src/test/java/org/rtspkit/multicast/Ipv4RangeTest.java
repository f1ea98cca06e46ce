package org.rtspkit.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ipv4RangeTest {

    @Test
    void parsesTheConventionalRange() {
        Ipv4Range range = Ipv4Range.parseMulticast("224.1.0.0/16");
        assertEquals(0xE001_0000, range.network());
        assertEquals(16, range.prefixLength());
        assertEquals(0xFFFF_0000, range.mask());
        assertEquals("224.1.0.0/16", range.toString());
    }

    @Test
    void clearsHostBitsAndSurroundingBlanks() {
        assertEquals("224.1.0.0/16", Ipv4Range.parseMulticast(" 224.1.2.3/16 ").toString());
        assertEquals("239.255.255.255/32", Ipv4Range.parseMulticast("239.255.255.255/32").toString());
        assertEquals("224.0.0.0/4", Ipv4Range.parseMulticast("239.1.2.3/4").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "224.1.0.0|invalid multicast IP range (224.1.0.0): expected an IPv4 network such as 224.1.0.0/16",
            "224.1.0.0/16/8|invalid multicast IP range (224.1.0.0/16/8): expected an IPv4 network such as 224.1.0.0/16",
            "224.1.0/16|invalid multicast IP range (224.1.0/16): '224.1.0' is not an IPv4 address",
            "224.1.0.256/16|invalid multicast IP range (224.1.0.256/16): '224.1.0.256' is not an IPv4 address",
            "224.1..0/16|invalid multicast IP range (224.1..0/16): '224.1..0' is not an IPv4 address",
            "224.1.0.-1/16|invalid multicast IP range (224.1.0.-1/16): '224.1.0.-1' is not an IPv4 address",
            "localhost/16|invalid multicast IP range (localhost/16): 'localhost' is not an IPv4 address",
            "ff02::1/16|invalid multicast IP range (ff02::1/16): 'ff02::1' is not an IPv4 address",
            "224.1.0.0/33|invalid multicast IP range (224.1.0.0/33): prefix length '33' is not a number between 0 and 32",
            "224.1.0.0/|invalid multicast IP range (224.1.0.0/): prefix length '' is not a number between 0 and 32",
            "224.1.0.0/x|invalid multicast IP range (224.1.0.0/x): prefix length 'x' is not a number between 0 and 32",
            "10.0.0.0/8|multicast IP range (10.0.0.0/8) is not inside the IPv4 multicast range 224.0.0.0/4",
            "240.0.0.0/8|multicast IP range (240.0.0.0/8) is not inside the IPv4 multicast range 224.0.0.0/4",
            "224.0.0.0/3|multicast IP range (224.0.0.0/3) is not inside the IPv4 multicast range 224.0.0.0/4",
    })
    void refusesWhatIsNotAnIpv4MulticastNetwork(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4Range.parseMulticast(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void nextCountsUpTheHostPartAndWraps() {
        Ipv4Range range = Ipv4Range.parseMulticast("224.1.0.0/30");
        int ip = range.network();
        String seen = "";
        for (int i = 0; i < 6; i++) {
            ip = range.next(ip);
            seen += Ipv4Range.format(ip) + " ";
        }
        assertEquals("224.1.0.1 224.1.0.2 224.1.0.3 224.1.0.0 224.1.0.1 224.1.0.2 ", seen);
    }

    @Test
    void nextCarriesIntoHigherOctets() {
        Ipv4Range range = Ipv4Range.parseMulticast("224.1.0.0/16");
        assertEquals("224.1.1.0", Ipv4Range.format(range.next(0xE001_00FF)));
        assertEquals("224.1.0.0", Ipv4Range.format(range.next(0xE001_FFFF)));
    }

    @Test
    void aSingleAddressRangeAlwaysGivesThatAddress() {
        Ipv4Range range = Ipv4Range.parseMulticast("239.1.2.3/32");
        assertEquals(0xEF01_0203, range.next(range.network()));
        assertEquals(0xEF01_0203, range.next(range.next(range.network())));
    }

    @Test
    void containsOnlyItsOwnAddresses() {
        Ipv4Range range = Ipv4Range.parseMulticast("224.1.0.0/16");
        assertTrue(range.contains(0xE001_1234));
        assertFalse(range.contains(0xE002_0000));
    }

    @Test
    void convertsToAnAddressWithoutALookup() {
        assertEquals("224.1.0.1", Ipv4Range.toAddress(0xE001_0001).getHostAddress());
        assertEquals("255.255.255.255", Ipv4Range.toAddress(-1).getHostAddress());
    }
}
