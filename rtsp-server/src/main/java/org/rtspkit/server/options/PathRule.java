package org.rtspkit.server.options;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One entry of the configuration's {@code paths:}: which request paths it covers and what they get.
 *
 * @param name    as written: {@code cam} (the path {@code /cam}) or {@code ~^live/.+$} (a regular
 *                expression, after the {@code ~}, that must match the whole path without its leading slash)
 * @param source  where the stream comes from
 * @param read    what readers must present; null for the server-wide credentials
 * @param publish what the publisher must present; null for the server-wide credentials
 * @param where   the entry's place in the configuration file, for messages; null when built in
 * @param record  whether what is published there is recorded: null follows {@code record:} (on when it
 *                is set), false turns it off for these paths
 */
public record PathRule(String name, PathSource source, Credentials read, Credentials publish, String where,
                       Boolean record) {
    public PathRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }

    /** An entry that follows the global recording setting. */
    public PathRule(String name, PathSource source, Credentials read, Credentials publish, String where) {
        this(name, source, read, publish, where, null);
    }

    /** Every path not named elsewhere, published by clients: the rule of a server with no {@code paths:}. */
    public static final PathRule ANY = new PathRule("~^.*$", PathSource.PUBLISHER, null, null, null, null);

    /** Each pattern compiled once: requests match against them. Only the configuration's names land here. */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    /** The demo stream at {@code /demo}. */
    public static final PathRule DEMO = new PathRule("demo", PathSource.DEMO, null, null, null, null);

    public boolean isPattern() {
        return name.startsWith("~");
    }

    /** The request path an exact entry serves ({@code /cam}); null for a pattern. */
    public String path() {
        return isPattern() ? null : "/" + name;
    }

    /** Whether this entry covers a request path ({@code /cam}). */
    public boolean matches(String path) {
        if (!isPattern()) {
            return path.equals(path());
        }
        String bare = path.startsWith("/") ? path.substring(1) : path;
        return COMPILED.computeIfAbsent(name, n -> Pattern.compile(n.substring(1))).matcher(bare).matches();
    }

    /** The same entry with nothing about where it was written: two files that say the same are equal. */
    PathRule withoutPlace() {
        return new PathRule(name, source, read, publish, null, record);
    }
}
