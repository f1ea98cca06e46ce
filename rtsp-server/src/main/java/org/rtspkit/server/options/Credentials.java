package org.rtspkit.server.options;

import java.util.Objects;

/** The user and password that publishers and readers must present. */
public record Credentials(String user, String pass) {
    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(pass, "pass");
    }

    /** Keeps the password out of logs and error messages. */
    @Override
    public String toString() {
        return "Credentials[user=" + user + ", pass=***]";
    }
}
