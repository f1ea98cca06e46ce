package org.rtspkit.multicast;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which network interfaces multicast goes out on and is received from. */
final class MulticastInterfaces {
    static final String NONE_FOUND = "no multicast-capable interfaces found";

    private MulticastInterfaces() {
    }

    /**
     * What the choice needs to know of an interface; {@code nif} is null in tests of the choice itself.
     */
    record Candidate(String name, boolean up, boolean multicast, boolean loopback, boolean ipv4, NetworkInterface nif) {
        static Candidate of(NetworkInterface nif) throws SocketException {
            boolean ipv4 = false;
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                ipv4 |= a instanceof Inet4Address;
            }
            return new Candidate(nif.getName(), nif.isUp(), nif.supportsMulticast(), nif.isLoopback(), ipv4, nif);
        }
    }

    /**
     * The interfaces to use: the named one, else every interface that is up, supports multicast and
     * has an IPv4 address (IPv4 groups are joined through an interface's IPv4 address), not counting
     * loopback; when there is no such interface, the loopback interfaces that are up.
     *
     * <p>Loopback is only a fallback because Linux does not flag {@code lo} as multicast-capable, yet
     * it carries multicast between processes of the host (a network namespace with only {@code lo} is
     * how tests and single-machine trials run); using it next to a real interface would give readers
     * on this host every packet twice.
     *
     * @throws IllegalArgumentException when the named interface does not exist
     * @throws IOException              when the named interface is down, or none qualifies
     */
    static List<NetworkInterface> choose(String name) throws IOException {
        if (name != null) {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null) {
                throw new IllegalArgumentException("multicast interface (" + name + ") not found");
            }
            if (!nif.isUp()) {
                throw new IOException("multicast interface (" + name + ") is down");
            }
            return List.of(nif);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (NetworkInterface nif : all()) {
            try {
                candidates.add(Candidate.of(nif));
            } catch (SocketException e) {
                // An interface that vanished or cannot be queried is simply not a candidate.
            }
        }
        List<NetworkInterface> chosen = new ArrayList<>();
        for (Candidate c : pick(candidates)) {
            chosen.add(c.nif());
        }
        if (chosen.isEmpty()) {
            throw new IOException(NONE_FOUND);
        }
        return chosen;
    }

    static List<Candidate> pick(List<Candidate> candidates) {
        List<Candidate> chosen = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.up() && c.multicast() && !c.loopback() && c.ipv4()) {
                chosen.add(c);
            }
        }
        if (chosen.isEmpty()) {
            for (Candidate c : candidates) {
                if (c.up() && c.loopback() && c.ipv4()) {
                    chosen.add(c);
                }
            }
        }
        return chosen;
    }

    /**
     * Every address of this host. Packets looped back from the server's own sending sockets come from
     * one of these (which one depends on routing), from one of those sockets' ports.
     */
    static Set<InetAddress> localAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        for (NetworkInterface nif : all()) {
            addresses.addAll(Collections.list(nif.getInetAddresses()));
        }
        return addresses;
    }

    private static List<NetworkInterface> all() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces());
        } catch (SocketException e) {
            // The JDK reports "No network interfaces configured" this way, for example when lo is down.
            return List.of();
        }
    }
}
