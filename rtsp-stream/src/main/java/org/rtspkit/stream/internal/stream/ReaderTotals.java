package org.rtspkit.stream.internal.stream;

/**
 * What a stream delivered to one reader's queue: every packet offered to it was either queued or
 * dropped because the queue was full.
 *
 * @param packets RTP packets queued
 * @param bytes   their size as marshalled (before SRTP)
 * @param dropped RTP packets the full queue refused
 */
public record ReaderTotals(long packets, long bytes, long dropped) {
    /** A reader that never played. */
    public static final ReaderTotals NONE = new ReaderTotals(0, 0, 0);
}
