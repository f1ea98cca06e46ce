package org.rtspkit.server.options;

import java.nio.file.Path;

/**
 * Files on demand ({@code --files}, {@code files:}): every file {@code DIR/NAME} is served at
 * {@code rtsp://host:port/NAME}.
 *
 * @param dir         the folder served; nothing outside it is
 * @param fps         pictures a second of raw H264 and H265 files, which carry no times ({@code --file-fps})
 * @param maxFileSize the largest file served, in bytes: a file is read whole when its first reader comes
 * @param maxPlaying  files playing at once; past it a request for another gets 503
 */
public record FileServing(Path dir, int fps, int maxFileSize, int maxPlaying) {
    public static final int DEFAULT_FPS = 25;
    public static final int DEFAULT_MAX_FILE_SIZE = 512 << 20;
    public static final int DEFAULT_MAX_PLAYING = 16;
    /** The highest frame rate {@code --file-fps} takes. */
    public static final int MAX_FPS = 240;
}
