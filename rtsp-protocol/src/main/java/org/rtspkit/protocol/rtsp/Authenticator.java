package org.rtspkit.protocol.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rtspkit.api.AuthMethod;
import org.rtspkit.api.RtspRequest;

/**
 * Checks a request's {@code Authorization} header against expected credentials (REFERENCE §8):
 * Basic, and Digest without {@code qop} using MD5 or, when enabled, SHA-256. One instance per
 * connection: the Digest nonce is made on first use and kept for the connection's life, so a
 * client can answer a challenge on its next request. Never throws on bad input: anything it cannot
 * read is simply not authenticated.
 */
public final class Authenticator {
    /** The realm clients see in challenges and must echo in Digest answers. */
    public static final String REALM = "ipcam";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private volatile String nonce;

    public Authenticator() {
    }

    /** With a fixed nonce, so tests can use answers computed elsewhere. */
    Authenticator(String nonce) {
        this.nonce = nonce;
    }

    /** This connection's Digest nonce: 16 random bytes in hex, made once. */
    public String nonce() {
        String n = nonce;
        if (n == null) {
            synchronized (this) {
                n = nonce;
                if (n == null) {
                    byte[] bytes = new byte[16];
                    RANDOM.nextBytes(bytes);
                    n = HEX.formatHex(bytes);
                    nonce = n;
                }
            }
        }
        return n;
    }

    /** The {@code WWW-Authenticate} values for these methods, in the order Basic, Digest MD5, Digest SHA-256. */
    public List<String> challenges(Set<AuthMethod> methods) {
        List<String> values = new ArrayList<>(3);
        if (methods.contains(AuthMethod.BASIC)) {
            values.add("Basic realm=\"" + REALM + "\"");
        }
        if (methods.contains(AuthMethod.DIGEST_MD5)) {
            values.add("Digest realm=\"" + REALM + "\", nonce=\"" + nonce() + "\", algorithm=\"MD5\"");
        }
        if (methods.contains(AuthMethod.DIGEST_SHA256)) {
            values.add("Digest realm=\"" + REALM + "\", nonce=\"" + nonce() + "\", algorithm=\"SHA-256\"");
        }
        return values;
    }

    /**
     * Whether the request carries credentials at all: an {@code Authorization} header that can be read
     * and names a user. A request without them is answered with a challenge rather than refused.
     */
    public static boolean hasCredentials(RtspRequest request) {
        Credentials c = Credentials.parse(request.headers().first("Authorization").orElse(null));
        return c != null && !c.username().isEmpty();
    }

    /**
     * Whether the request's credentials are {@code user}/{@code pass} by one of {@code methods}.
     *
     * @param requestUrl the absolute request URL; null means the request's own URI
     */
    public boolean verify(RtspRequest request, String requestUrl, String user, String pass, Set<AuthMethod> methods) {
        if (user == null || user.isEmpty() || pass == null) {
            return false;
        }
        Credentials c = Credentials.parse(request.headers().first("Authorization").orElse(null));
        if (c == null) {
            return false;
        }
        if (c.basic()) {
            return methods.contains(AuthMethod.BASIC)
                    & equal(c.username(), user)
                    & equal(c.password(), pass);
        }
        String algorithm;
        if (c.algorithm() == null || c.algorithm().equals("MD5")) {
            if (!methods.contains(AuthMethod.DIGEST_MD5)) {
                return false;
            }
            algorithm = "MD5";
        } else {
            if (!methods.contains(AuthMethod.DIGEST_SHA256)) {
                return false;
            }
            algorithm = "SHA-256";
        }
        String url = requestUrl != null ? requestUrl : request.uri();
        if (!equal(c.nonce(), nonce()) || !c.realm().equals(REALM) || !equal(c.username(), user)
                || !uriMatches(c.uri(), url, request.method().equals("SETUP"))) {
            return false;
        }
        String ha1 = hash(algorithm, user + ":" + REALM + ":" + pass);
        String ha2 = hash(algorithm, request.method() + ":" + c.uri());
        String expected = hash(algorithm, ha1 + ":" + nonce() + ":" + ha2);
        return equal(c.response().toLowerCase(Locale.ROOT), expected);
    }

    /**
     * Whether the Digest {@code uri} names the request: the absolute URL, or its path and query as
     * RFC 2617 §3.2.2 also allows (Bosch BVMS). In SETUP, VLC and HappyTime give the stream's URL
     * instead of the track's, so the URL with its {@code /trackID=N} removed counts too, with or
     * without the trailing slash.
     */
    private static boolean uriMatches(String uri, String requestUrl, boolean setup) {
        List<String> candidates = new ArrayList<>(2);
        candidates.add(requestUrl);
        try {
            RtspUrl parsed = RtspUrl.parse(requestUrl);
            if (parsed != null) {
                candidates.add(parsed.path() + (parsed.rawQuery().isEmpty() ? "" : "?" + parsed.rawQuery()));
            }
        } catch (RuntimeException e) {
            // not a URL we can split: only the verbatim form can match
        }
        for (String candidate : candidates) {
            if (uri.equals(candidate)) {
                return true;
            }
            if (setup) {
                String base = trackBase(candidate);
                if (base != null && (uri.equals(base) || uri.equals(base.substring(0, base.length() - 1)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code <base>/} of a {@code <base>/trackID=<digits>} URL, or null. */
    private static String trackBase(String url) {
        int i = url.lastIndexOf("/trackID=");
        if (i <= 0) {
            return null;
        }
        int digits = i + "/trackID=".length();
        if (digits == url.length()) {
            return null;
        }
        for (int j = digits; j < url.length(); j++) {
            if (url.charAt(j) < '0' || url.charAt(j) > '9') {
                return null;
            }
        }
        return url.substring(0, i + 1);
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String hash(String algorithm, String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide MD5 and SHA-256
            throw new IllegalStateException(e);
        }
    }

    /**
     * What an {@code Authorization} header says. For Basic only {@code username} and {@code password}
     * are set; for Digest the rest, with {@code algorithm} normalised to {@code MD5}, {@code SHA-256} or null.
     */
    private record Credentials(boolean basic, String username, String password, String realm, String nonce,
                               String uri, String response, String algorithm) {

        static Credentials parse(String header) {
            if (header == null) {
                return null;
            }
            String h = header.strip();
            int space = h.indexOf(' ');
            if (space < 0) {
                return null;
            }
            String scheme = h.substring(0, space).toLowerCase(Locale.ROOT);
            String rest = h.substring(space + 1).strip();
            return switch (scheme) {
                case "basic" -> parseBasic(rest);
                case "digest" -> parseDigest(rest);
                default -> null;
            };
        }

        private static Credentials parseBasic(String encoded) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new Credentials(true, decoded.substring(0, colon), decoded.substring(colon + 1),
                    null, null, null, null, null);
        }

        private static Credentials parseDigest(String params) {
            Map<String, String> values = parseParams(params);
            if (values == null) {
                return null;
            }
            String username = values.get("username");
            String realm = values.get("realm");
            String nonce = values.get("nonce");
            String uri = values.get("uri");
            String response = values.get("response");
            if (username == null || realm == null || nonce == null || uri == null || response == null) {
                return null;
            }
            String algorithm = values.get("algorithm");
            if (algorithm != null) {
                algorithm = switch (algorithm.toUpperCase(Locale.ROOT)) {
                    case "MD5" -> "MD5";
                    case "SHA-256" -> "SHA-256";
                    default -> null;
                };
                if (algorithm == null) {
                    return null;
                }
            }
            return new Credentials(false, username, null, realm, nonce, uri, response, algorithm);
        }

        /** {@code key=value} or {@code key="quoted, \"value\""} pairs separated by commas; null if unreadable. */
        private static Map<String, String> parseParams(String text) {
            Map<String, String> values = new HashMap<>();
            int i = 0;
            int n = text.length();
            while (i < n) {
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == ',' || text.charAt(i) == '\t')) {
                    i++;
                }
                if (i == n) {
                    break;
                }
                int eq = text.indexOf('=', i);
                if (eq < 0) {
                    return null;
                }
                String key = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
                i = eq + 1;
                while (i < n && text.charAt(i) == ' ') {
                    i++;
                }
                StringBuilder value = new StringBuilder();
                if (i < n && text.charAt(i) == '"') {
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char c = text.charAt(i++);
                        if (c == '\\' && i < n) {
                            value.append(text.charAt(i++));
                        } else if (c == '"') {
                            closed = true;
                            break;
                        } else {
                            value.append(c);
                        }
                    }
                    if (!closed) {
                        return null;
                    }
                } else {
                    while (i < n && text.charAt(i) != ',') {
                        value.append(text.charAt(i++));
                    }
                }
                if (key.isEmpty()) {
                    return null;
                }
                values.put(key, value.toString().strip());
            }
            return values;
        }
    }
}
