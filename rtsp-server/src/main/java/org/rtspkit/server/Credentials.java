package org.rtspkit.server;

import java.util.Objects;

/** The user and password that publishers and readers must present. */
record Credentials(String user, String pass) {
    Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(pass, "pass");
    }

    /** Keeps the password out of logs and error messages. */
    @Override
    public String toString() {
        return "Credentials[user=" + user + ", pass=***]";
    }
}
