package org.rtspkit.server.files;

/**
 * One access unit of a file, in the form its track's packetizer takes (Annex-B pictures, raw AAC
 * frames, Opus packets).
 *
 * @param track index in {@link MediaFile#tracks()}
 * @param dts   when it is sent: nanoseconds after the file's first unit
 * @param pts   when it is shown: nanoseconds on the same scale, not before {@code dts}
 */
record FileUnit(int track, long dts, long pts, byte[] data) {
}
