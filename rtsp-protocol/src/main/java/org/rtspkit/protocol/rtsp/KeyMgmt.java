package org.rtspkit.protocol.rtsp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.rtspkit.api.MalformedDataException;

/**
 * The RTSP {@code KeyMgmt} header (RFC 4567 §3.2): {@code prot=mikey;uri="<url>";data="<base64 MIKEY>"}.
 *
 * <p>Clients send their own key in it with SETUP; the server answers with the key of the media. The
 * MIKEY bytes are decoded with {@link org.rtspkit.spi.SrtpProvider#decodeMikey}.
 *
 * @param uri   the request URL the key applies to
 * @param mikey the MIKEY message, base64-decoded
 */
public record KeyMgmt(String uri, byte[] mikey) {

    private static final String ERROR_PREFIX = "invalid KeyMgmt header: ";

    /**
     * Checks that the URI can be written in a header (no quote) and copies the MIKEY message.
     *
     * @param uri the request URL the key applies to
     * @param mikey the MIKEY message, base64-decoded
     */
    public KeyMgmt {
        Objects.requireNonNull(uri, "uri");
        if (uri.indexOf('"') >= 0) {
            throw new IllegalArgumentException("a KeyMgmt uri cannot hold a quote (percent-encode it as %22): " + uri);
        }
        mikey = mikey.clone();
    }

    /**
     * The header value, with {@code uri} and {@code data} quoted.
     *
     * @return the {@code KeyMgmt} header value
     */
    public String format() {
        return "prot=mikey;uri=\"" + uri + "\";data=\"" + Base64.getEncoder().encodeToString(mikey) + "\"";
    }

    /**
     * Parses a header value. Of several comma-separated key management specs the first whose
     * {@code prot} is {@code mikey} is used; parameter names are case-insensitive, values may be quoted.
     *
     * @param headerValue the {@code KeyMgmt} header value
     * @return the URI and the MIKEY message of the first {@code mikey} spec
     * @throws MalformedDataException when the value has no {@code mikey} spec or the spec lacks
     *         {@code uri} or {@code data}, or {@code data} is not base64; the message starts with
     *         {@code "invalid KeyMgmt header: "}
     */
    public static KeyMgmt parse(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            throw new MalformedDataException(ERROR_PREFIX + "value not provided");
        }
        String otherProt = null;
        for (String spec : split(headerValue, ',')) {
            String prot = null;
            String uri = null;
            String data = null;
            for (String param : split(spec, ';')) {
                if (param.isBlank()) {
                    continue;
                }
                int eq = param.indexOf('=');
                if (eq < 0) {
                    throw new MalformedDataException(ERROR_PREFIX + "parameter '" + param.strip() + "' has no value");
                }
                String key = param.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = unquote(param.substring(eq + 1).strip());
                switch (key) {
                    case "prot" -> prot = value;
                    case "uri" -> uri = value;
                    case "data" -> data = value;
                    default -> {
                        // RFC 4567 allows extensions; none matters here.
                    }
                }
            }
            if (prot == null) {
                continue;
            }
            if (!prot.equalsIgnoreCase("mikey")) {
                otherProt = otherProt == null ? prot : otherProt;
                continue;
            }
            if (uri == null) {
                throw new MalformedDataException(ERROR_PREFIX + "uri not provided");
            }
            if (uri.indexOf('"') >= 0) {
                // It is written back quoted: a quote inside would end it early.
                throw new MalformedDataException(ERROR_PREFIX + "uri contains a quote");
            }
            if (data == null || data.isEmpty()) {
                throw new MalformedDataException(ERROR_PREFIX + "data not provided");
            }
            return new KeyMgmt(uri, decodeBase64(data));
        }
        if (otherProt != null) {
            throw new MalformedDataException(ERROR_PREFIX + "key management protocol '" + otherProt
                    + "' is not supported (only mikey)");
        }
        throw new MalformedDataException(ERROR_PREFIX + "prot not provided");
    }

    private static byte[] decodeBase64(String data) {
        try {
            return Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new MalformedDataException(ERROR_PREFIX + "data is not valid base64 (" + e.getMessage() + ")", e);
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Splits at {@code separator} outside double quotes: a URL may contain {@code ;} and {@code ,}. */
    private static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        if (quoted) {
            throw new MalformedDataException(ERROR_PREFIX + "unterminated quote in '" + value.strip() + "'");
        }
        parts.add(value.substring(start));
        return parts;
    }

    /**
     * The MIKEY message, base64-decoded.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] mikey() {
        return mikey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyMgmt other && uri.equals(other.uri) && Arrays.equals(mikey, other.mikey);
    }

    @Override
    public int hashCode() {
        return 31 * uri.hashCode() + Arrays.hashCode(mikey);
    }

    /** Shows the URL and the size of the MIKEY message, not its bytes (they carry a key). */
    @Override
    public String toString() {
        return "KeyMgmt[uri=" + uri + ", mikey=" + mikey.length + " bytes]";
    }
}
