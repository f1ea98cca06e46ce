package org.rtspkit.client.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.protocol.rtsp.RtspUrl;

/**
 * A server URL as the client uses it: the URL without credentials (what goes on the wire and in
 * messages), the host and port to connect to, and the credentials, percent-decoded.
 *
 * @param url the URL without user information
 * @param host the host
 * @param port the port (554 for rtsp, 322 for rtsps when the URL has none)
 * @param tls whether the scheme is rtsps
 * @param user the user name, or null
 * @param password the password, or null
 */
public record Target(String url, String host, int port, boolean tls, String user, String password) {

    /**
     * Parses a URL.
     *
     * @param text an {@code rtsp://} or {@code rtsps://} URL, credentials allowed
     * @return the target
     * @throws IllegalArgumentException when it is not such a URL; the message never holds the password
     */
    public static Target parse(String text) {
        RtspUrl u;
        try {
            u = RtspUrl.parse(text);
        } catch (MalformedDataException e) {
            throw new IllegalArgumentException(redact(e.getMessage()));
        }
        if (u == null || u.host().isEmpty()) {
            throw new IllegalArgumentException("not an RTSP URL with a host: '" + redact(text) + "'");
        }
        boolean tls = u.scheme().equals("rtsps");
        int port = u.port() >= 0 ? u.port() : tls ? 322 : 554;
        String user = null;
        String password = null;
        if (u.userInfo() != null) {
            int colon = u.userInfo().indexOf(':');
            user = decode(colon < 0 ? u.userInfo() : u.userInfo().substring(0, colon));
            password = colon < 0 ? "" : decode(u.userInfo().substring(colon + 1));
        }
        String url = u.scheme() + "://" + u.hostAndPort() + u.path() + (u.rawQuery().isEmpty() ? "" : "?" + u.rawQuery());
        return new Target(url, u.host(), port, tls, user, password);
    }

    /**
     * The same server at another URL (a redirect's {@code Location}); the credentials stay unless the
     * new URL has its own.
     *
     * @param location an absolute URL, or a path on the same server
     * @return the new target
     */
    public Target redirect(String location) {
        String absolute = location.startsWith("/") ? (tls ? "rtsps://" : "rtsp://") + hostPort() + location : location;
        Target t = parse(absolute);
        return t.user != null ? t : new Target(t.url, t.host, t.port, t.tls, user, password);
    }

    /** @return the server's authority, as in messages */
    public String hostPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * A URL with its user information replaced by {@code ***}: for messages and logs.
     *
     * @param text any text holding URLs
     * @return the text without credentials
     */
    public static String redact(String text) {
        return text == null ? null : text.replaceAll("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s']*@", "$1***@");
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "Target[" + url + (user == null ? "" : ", user=" + user) + "]";
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
