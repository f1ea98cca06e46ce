package org.rtspkit.stream.internal.stream;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The readers of a stream, which of them receive its packets now, and the multicast writer that serves
 * its multicast readers. Not thread-safe: the stream calls it holding its lock. Only {@link #active()}
 * is read without the lock: the array is replaced on every change, so the writer iterates it as is.
 */
final class StreamReaders {
    private static final Recipient[] NONE = new Recipient[0];

    private final List<StreamReader> readers = new ArrayList<>();
    private final Set<StreamReader> multicastReaders = new HashSet<>();
    private MulticastWriter multicastWriter;
    private volatile Recipient[] active = NONE;
    private int activeSecure;

    /** Who receives packets now: active readers and the multicast writer. */
    Recipient[] active() {
        return active;
    }

    /** How many active recipients want the SRTP-protected copy. */
    int activeSecure() {
        return activeSecure;
    }

    /** At a reader's first SETUP. */
    void add(StreamReader reader) {
        readers.add(reader);
    }

    boolean contains(StreamReader reader) {
        return readers.contains(reader);
    }

    void activate(Recipient recipient) {
        if (recipient.secure()) {
            activeSecure++;
        }
        Recipient[] next = Arrays.copyOf(active, active.length + 1);
        next[active.length] = recipient;
        active = next;
    }

    void deactivate(Recipient recipient) {
        if (recipient == null) {
            return;
        }
        Recipient[] next = Arrays.stream(active).filter(r -> r != recipient).toArray(Recipient[]::new);
        if (next.length != active.length && recipient.secure()) {
            activeSecure--;
        }
        active = next;
    }

    /** The reader leaves; the last multicast reader takes the groups, and their ports, with it. */
    void remove(StreamReader reader) {
        deactivate(reader);
        readers.remove(reader);
        if (multicastReaders.remove(reader) && multicastReaders.isEmpty() && multicastWriter != null) {
            deactivate(multicastWriter);
            multicastWriter.close();
            multicastWriter = null;
        }
    }

    /** A multicast reader's first SETUP: the first one opens the writer, which receives from then on. */
    MulticastWriter joinMulticast(StreamReader reader, MulticastWriterFactory open) throws IOException {
        if (multicastWriter == null) {
            multicastWriter = open.open();
            activate(multicastWriter);
        }
        multicastReaders.add(reader);
        return multicastWriter;
    }

    /** The multicast readers created from an address. */
    List<StreamReader> multicastReadersFrom(InetAddress address) {
        List<StreamReader> matching = new ArrayList<>(1);
        for (StreamReader r : multicastReaders) {
            if (r.creatorAddress().equals(address)) {
                matching.add(r);
            }
        }
        return matching;
    }

    List<StreamReader> all() {
        return List.copyOf(readers);
    }

    /** The stream closed: nobody receives any more; returns the readers to end. */
    List<StreamReader> clear() {
        List<StreamReader> all = List.copyOf(readers);
        active = NONE;
        activeSecure = 0;
        readers.clear();
        multicastReaders.clear();
        if (multicastWriter != null) {
            multicastWriter.close();
            multicastWriter = null;
        }
        return all;
    }

    /** Opens the multicast writer of a stream. */
    @FunctionalInterface
    interface MulticastWriterFactory {
        MulticastWriter open() throws IOException;
    }
}
