package org.rtspkit.server.metrics;

import java.util.List;
import java.util.Map;

/**
 * What the ready-to-use server is doing at one moment, read from the API's stats records: the source of
 * both the periodic summary line and {@code /metrics}.
 *
 * @param paths      paths held by a publisher (from ANNOUNCE on)
 * @param publishers publishers recording
 * @param readers    readers playing, by transport: {@code udp}, {@code tcp}, {@code multicast}, in that order
 * @param recording  the counters of each path being recorded, in path order
 */
public record ServerCounts(int paths, int publishers, Map<String, Integer> readers, List<PathCounts> recording) {
    /** The transports readers are counted by, in the order they are shown. */
    public static final List<String> TRANSPORTS = List.of("udp", "tcp", "multicast");

    /**
     * One path's packet counters since its publisher started recording. A packet sent counts once per
     * reader (or multicast group) it was offered to, on every listener.
     *
     * @param received RTP packets received from the publisher
     * @param sent     RTP packets handed to readers
     * @param dropped  RTP packets a slow reader's full queue refused
     */
    public record PathCounts(String path, long received, long sent, long dropped) {
    }

    public ServerCounts {
        readers = Map.copyOf(readers);
        recording = List.copyOf(recording);
    }

    int readers(String transport) {
        return readers.getOrDefault(transport, 0);
    }

    long received() {
        return recording.stream().mapToLong(PathCounts::received).sum();
    }

    long sent() {
        return recording.stream().mapToLong(PathCounts::sent).sum();
    }

    long dropped() {
        return recording.stream().mapToLong(PathCounts::dropped).sum();
    }
}
