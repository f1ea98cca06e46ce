package org.rtspkit.stream.internal.events;

/**
 * What a session is, fixed when it starts playing or recording: the fields every session event
 * repeats, kept so that the end and the periodic events need not look them up again.
 *
 * @param path          the path it reads or publishes
 * @param role          {@code reader} or {@code publisher}
 * @param transport     protocol and profile, for example {@code TCP RTP/AVP}
 * @param remoteAddress the client's address and port
 * @param startNanos    {@link System#nanoTime()} at the start, for the session's duration
 */
public record SessionLabel(String path, String role, String transport, String remoteAddress, long startNanos) {
    public static final String READER = "reader";
    public static final String PUBLISHER = "publisher";
}
