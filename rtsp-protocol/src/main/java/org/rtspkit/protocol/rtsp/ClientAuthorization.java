package org.rtspkit.protocol.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rtspkit.api.MalformedDataException;

/**
 * The client's side of RTSP authentication: reads a server's {@code WWW-Authenticate} challenges,
 * picks the strongest it supports (Digest SHA-256, then Digest MD5, then Basic) and writes the
 * {@code Authorization} header of each later request (RFC 7617, RFC 7616; Digest with or without
 * {@code qop=auth}).
 *
 * <p>Holds the password: {@link #toString()} never shows it. Thread-safe.
 */
public final class ClientAuthorization {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The scheme chosen from the server's challenges. */
    public enum Scheme {
        /** {@code Basic}: user and password in base64. */
        BASIC,
        /** {@code Digest} with MD5. */
        DIGEST_MD5,
        /** {@code Digest} with SHA-256. */
        DIGEST_SHA256
    }

    private final String user;
    private final String password;
    private final Scheme scheme;
    private final String realm;
    private final String nonce;
    private final String opaque;
    private final boolean qopAuth;
    private int nonceCount;

    private ClientAuthorization(String user, String password, Scheme scheme, Map<String, String> params) {
        this.user = user;
        this.password = password;
        this.scheme = scheme;
        this.realm = params.getOrDefault("realm", "");
        this.nonce = params.getOrDefault("nonce", "");
        this.opaque = params.get("opaque");
        String qop = params.get("qop");
        boolean auth = false;
        if (qop != null) {
            for (String q : qop.split(",")) {
                auth |= q.strip().equalsIgnoreCase("auth");
            }
        }
        this.qopAuth = auth;
    }

    /**
     * Chooses among a response's {@code WWW-Authenticate} values.
     *
     * @param challenges the header's values, in any order
     * @param user the user name
     * @param password the password
     * @return the authorization for later requests
     * @throws MalformedDataException when no challenge names a scheme this client supports, or a
     *         Digest challenge has no nonce; the message names the schemes offered
     */
    public static ClientAuthorization choose(List<String> challenges, String user, String password) {
        Scheme best = null;
        Map<String, String> bestParams = null;
        StringBuilder offered = new StringBuilder();
        for (String challenge : challenges) {
            String c = challenge.strip();
            int sp = c.indexOf(' ');
            String name = (sp < 0 ? c : c.substring(0, sp)).toLowerCase(Locale.ROOT);
            Map<String, String> params = sp < 0 ? Map.of() : parseParams(c.substring(sp + 1));
            if (offered.length() > 0) {
                offered.append(", ");
            }
            Scheme s = null;
            if (name.equals("basic")) {
                s = Scheme.BASIC;
                offered.append("Basic");
            } else if (name.equals("digest")) {
                String algorithm = params.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
                offered.append("Digest ").append(algorithm);
                if (algorithm.equals("MD5")) {
                    s = Scheme.DIGEST_MD5;
                } else if (algorithm.equals("SHA-256")) {
                    s = Scheme.DIGEST_SHA256;
                }
                if (s != null && !params.containsKey("nonce")) {
                    throw new MalformedDataException("Digest challenge without a nonce: '" + clip(c) + "'");
                }
            } else {
                offered.append(sp < 0 ? c : c.substring(0, sp));
            }
            if (s != null && (best == null || s.ordinal() > best.ordinal())) {
                best = s;
                bestParams = params;
            }
        }
        if (best == null) {
            throw new MalformedDataException("the server asks for authentication by " + (offered.length() == 0
                    ? "no scheme" : offered) + "; supported are Basic and Digest (MD5, SHA-256)");
        }
        return new ClientAuthorization(user, password, best, bestParams);
    }

    /**
     * The scheme in use.
     *
     * @return the scheme
     */
    public Scheme scheme() {
        return scheme;
    }

    /**
     * The {@code Authorization} header value for one request.
     *
     * @param method the request's method
     * @param uri the request URI as written on the request line
     * @return the header value
     */
    public synchronized String header(String method, String uri) {
        if (scheme == Scheme.BASIC) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        String algorithm = scheme == Scheme.DIGEST_MD5 ? "MD5" : "SHA-256";
        String ha1 = hash(algorithm, user + ":" + realm + ":" + password);
        String ha2 = hash(algorithm, method + ":" + uri);
        StringBuilder sb = new StringBuilder(256);
        sb.append("Digest username=\"").append(escape(user)).append("\", realm=\"").append(escape(realm))
                .append("\", nonce=\"").append(escape(nonce)).append("\", uri=\"").append(escape(uri)).append('"');
        String response;
        if (qopAuth) {
            String nc = String.format(Locale.ROOT, "%08x", ++nonceCount);
            byte[] c = new byte[8];
            RANDOM.nextBytes(c);
            String cnonce = HEX.formatHex(c);
            response = hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            sb.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        } else {
            response = hash(algorithm, ha1 + ":" + nonce + ":" + ha2);
        }
        sb.append(", response=\"").append(response).append('"');
        if (scheme == Scheme.DIGEST_SHA256) {
            sb.append(", algorithm=\"SHA-256\"");
        } else {
            sb.append(", algorithm=\"MD5\"");
        }
        if (opaque != null) {
            sb.append(", opaque=\"").append(escape(opaque)).append('"');
        }
        return sb.toString();
    }

    /** Names the scheme and the user, never the password. */
    @Override
    public String toString() {
        return "ClientAuthorization[" + scheme + ", user=" + user + "]";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String hash(String algorithm, String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** {@code key=value} or {@code key="quoted"} pairs separated by commas; keys lower-cased. */
    static Map<String, String> parseParams(String text) {
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
                break;
            }
            String key = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(text.charAt(i++));
                    } else if (c == '"') {
                        break;
                    } else {
                        value.append(c);
                    }
                }
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            values.put(key, value.toString().strip());
        }
        return values;
    }
}
