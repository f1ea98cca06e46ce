package org.rtspkit.server.options;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Recording ({@code --record}, {@code record:}): what every published path sends is written to
 * {@code DIR/<path>/<start time>.ts}, a new file every {@code segment}. A path's entry may turn it
 * off ({@code record: false}).
 *
 * @param dir       the folder recordings are written under
 * @param segment   how long a file runs before the next one starts ({@code --record-segment})
 * @param queueSize access units waiting for the disk per recording; past it units are dropped (and counted)
 */
public record Recording(Path dir, Duration segment, int queueSize) {
    public static final Duration DEFAULT_SEGMENT = Duration.ofHours(1);
    public static final int DEFAULT_QUEUE_SIZE = 1024;
}
