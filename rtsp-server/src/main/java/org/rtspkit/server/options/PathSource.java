package org.rtspkit.server.options;

import java.util.Locale;

/**
 * Where a path's stream comes from ({@code source:} of a {@code paths:} entry). Pulling from a URL,
 * files and the like are meant to join this list as those features land.
 */
public enum PathSource {
    /** A client publishes with ANNOUNCE and RECORD; readers get 404 until it does. */
    PUBLISHER,
    /** The server's own test picture and tone; publishing there is refused. */
    DEMO;

    /** As written in the configuration file: {@code publisher}, {@code demo}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
