package org.rtspkit.server.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One file of a recording, {@code <start time>.ts} in the path's folder. Each write hands the channel
 * whole TS packets, so the file is a valid transport stream after every write: a crash loses at most
 * the unit being written.
 */
final class SegmentFile implements AutoCloseable {
    /** UTC, sortable, and free of characters some file systems refuse ({@code :}). */
    static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss-SSS").withZone(ZoneOffset.UTC);

    private final Path file;
    private final FileChannel channel;
    private long bytes;

    private SegmentFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates the next file of a recording in {@code folder}, named after {@code start}. */
    static SegmentFile create(Path folder, Instant start) throws IOException {
        Files.createDirectories(folder);
        String name = NAME.format(start);
        Path file = folder.resolve(name + ".ts");
        for (int n = 1; Files.exists(file); n++) {
            file = folder.resolve(name + "-" + n + ".ts"); // two segments in one millisecond
        }
        return new SegmentFile(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    void write(byte[] packets) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(packets);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        bytes += packets.length;
    }

    Path file() {
        return file;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
