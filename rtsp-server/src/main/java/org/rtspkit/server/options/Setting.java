package org.rtspkit.server.options;

import java.util.Objects;

/**
 * One value the user gave, with where it was given, so that a message about it points there.
 *
 * @param value the value
 * @param name  what the user wrote to set it: a flag ({@code --udp-rtp-address}) or a configuration key
 *              ({@code udp.rtpAddress}, {@code udp.enabled: false})
 * @param where the place in the configuration file ({@code rtspkit.yml:5:3}); null for a flag
 */
public record Setting<T>(T value, String name, String where) {
    public Setting {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(name, "name");
    }

    /** Given on the command line. */
    public static <T> Setting<T> flag(T value, String flag) {
        return new Setting<>(value, flag, null);
    }

    /** Given in the configuration file at {@code where}. */
    public static <T> Setting<T> file(T value, String key, String where) {
        return new Setting<>(value, key, where);
    }

    /** What a message about this value starts with: the flag, or the file position and the key. */
    public String label() {
        return where == null ? name : where + ": " + name;
    }

    /** Whether it came from the command line, which overrides the file. */
    public boolean fromFlag() {
        return where == null;
    }

    /** The value, or {@code fallback} when the setting is absent. */
    public static <T> T valueOr(Setting<T> setting, T fallback) {
        return setting == null ? fallback : setting.value();
    }
}
