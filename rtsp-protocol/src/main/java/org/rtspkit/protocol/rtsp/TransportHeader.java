package org.rtspkit.protocol.rtsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.TransportProfile;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.PortPair;
import org.rtspkit.spi.TransportSpec;
import org.rtspkit.spi.TransportSpec.Mode;

/** The {@code Transport} header (RFC 2326 §12.39): a client's offer read, a server's choice written. */
public final class TransportHeader {
    private static final String ERROR_PREFIX = "invalid transport header: ";

    private TransportHeader() {
    }

    /**
     * Parses a header value: comma-separated entries, in the client's order of preference.
     *
     * <p>The transport token may be {@code RTP/AVP}, {@code RTP/AVP/UDP} (FFmpeg's spelling),
     * {@code RTP/AVP/TCP} and the {@code RTP/SAVP} equivalents, in any case. A missing
     * {@code unicast}/{@code multicast} reads as unicast: RFC 2326 makes multicast the default, but
     * clients always state it and treating silence as multicast would hand a unicast client to a
     * group address. Parameters this server does not use ({@code append}, {@code layers}, vendor
     * extensions) are ignored. An entry whose transport token is unknown (for example a vendor's
     * {@code x-Real-RDT/UDP}) is skipped, so the rest of the offer can still be chosen as RFC 2326
     * intends; the header is invalid only when no entry remains.
     *
     * @param headerValue the {@code Transport} header value
     * @return the entries that use a known transport, in the client's order
     * @throws MalformedDataException when the value is empty, an entry has no transport token, a known
     *         parameter has a bad value, or no entry uses a known transport; the message starts with
     *         {@code "invalid transport header: "}
     */
    public static List<TransportSpec> parseList(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            throw new MalformedDataException(ERROR_PREFIX + "value not provided");
        }
        List<TransportSpec> specs = new ArrayList<>();
        MalformedDataException firstUnsupported = null;
        for (String entry : split(headerValue, ',')) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                specs.add(parseEntry(entry));
            } catch (UnsupportedTransport e) {
                if (firstUnsupported == null) {
                    firstUnsupported = new MalformedDataException(e.getMessage());
                }
            }
        }
        if (specs.isEmpty()) {
            throw firstUnsupported != null ? firstUnsupported
                    : new MalformedDataException(ERROR_PREFIX + "value not provided");
        }
        return List.copyOf(specs);
    }

    /**
     * The header value for one entry, fields in the order clients expect (see REFERENCE §3.5 step 12):
     * profile token, delivery, source, destination, interleaved, port, ttl, client_port, server_port,
     * ssrc (8 uppercase hex digits), mode (only when non-null).
     *
     * @param spec the entry
     * @return the {@code Transport} header value
     */
    public static String format(TransportSpec spec) {
        StringBuilder sb = new StringBuilder(96);
        sb.append(spec.profile() == TransportProfile.SAVP ? "RTP/SAVP" : "RTP/AVP");
        if (spec.protocol() == TransportProtocol.TCP) {
            sb.append("/TCP");
        }
        sb.append(spec.protocol() == TransportProtocol.UDP_MULTICAST ? ";multicast" : ";unicast");
        if (spec.source() != null) {
            sb.append(";source=").append(spec.source());
        }
        if (spec.destination() != null) {
            sb.append(";destination=").append(spec.destination());
        }
        if (spec.interleaved() != null) {
            sb.append(";interleaved=").append(spec.interleaved());
        }
        if (spec.port() != null) {
            sb.append(";port=").append(spec.port());
        }
        if (spec.ttl() != null) {
            sb.append(";ttl=").append(spec.ttl());
        }
        if (spec.clientPort() != null) {
            sb.append(";client_port=").append(spec.clientPort());
        }
        if (spec.serverPort() != null) {
            sb.append(";server_port=").append(spec.serverPort());
        }
        if (spec.ssrc() != null) {
            sb.append(";ssrc=").append(String.format(Locale.ROOT, "%08X", spec.ssrc() & 0xFFFFFFFFL));
        }
        if (spec.mode() != null) {
            sb.append(";mode=").append(spec.mode() == Mode.PLAY ? "play" : "record");
        }
        return sb.toString();
    }

    /** Thrown inside parsing for an entry in a transport we do not know; such entries are skipped. */
    private static final class UnsupportedTransport extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedTransport(String message) {
            super(message, null, false, false);
        }
    }

    private static TransportSpec parseEntry(String entry) throws UnsupportedTransport {
        TransportProtocol protocol = null;
        TransportProfile profile = null;
        boolean multicast = false;
        String destination = null;
        String source = null;
        PortPair interleaved = null;
        PortPair port = null;
        Integer ttl = null;
        PortPair clientPort = null;
        PortPair serverPort = null;
        Long ssrc = null;
        Mode mode = null;

        for (String param : split(entry, ';')) {
            String p = param.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : unquote(p.substring(eq + 1).strip());

            if (eq < 0 && key.indexOf('/') >= 0) {
                if (protocol != null) {
                    throw new MalformedDataException(ERROR_PREFIX + "more than one transport in '" + entry.strip() + "'");
                }
                switch (key) {
                    case "rtp/avp", "rtp/avp/udp" -> {
                        protocol = TransportProtocol.UDP;
                        profile = TransportProfile.AVP;
                    }
                    case "rtp/avp/tcp" -> {
                        protocol = TransportProtocol.TCP;
                        profile = TransportProfile.AVP;
                    }
                    case "rtp/savp", "rtp/savp/udp" -> {
                        protocol = TransportProtocol.UDP;
                        profile = TransportProfile.SAVP;
                    }
                    case "rtp/savp/tcp" -> {
                        protocol = TransportProtocol.TCP;
                        profile = TransportProfile.SAVP;
                    }
                    default -> throw new UnsupportedTransport(ERROR_PREFIX + "unsupported transport '" + p + "'");
                }
                continue;
            }

            switch (key) {
                case "unicast" -> multicast = false;
                case "multicast" -> multicast = true;
                case "destination" -> destination = address(key, requireValue(key, value));
                case "source" -> source = address(key, requireValue(key, value));
                case "interleaved" -> interleaved = parsePair(key, value, 255);
                case "port" -> port = parsePair(key, value, 65535);
                case "client_port" -> clientPort = parsePair(key, value, 65535);
                case "server_port" -> serverPort = parsePair(key, value, 65535);
                case "ttl" -> ttl = parseNumber(key, requireValue(key, value), 255);
                // Cameras are known to send SSRCs that are not 32-bit hex; the server never relies on
                // the client's value, so an unreadable one is dropped rather than failing the SETUP.
                case "ssrc" -> ssrc = parseSsrc(value);
                case "mode" -> mode = parseMode(requireValue(key, value));
                default -> {
                    // append, layers and vendor parameters carry nothing this server uses
                }
            }
        }

        if (protocol == null) {
            throw new MalformedDataException(ERROR_PREFIX + "no transport protocol in '" + entry.strip() + "'");
        }
        if (multicast) {
            if (protocol == TransportProtocol.TCP) {
                throw new MalformedDataException(ERROR_PREFIX + "TCP transport cannot be multicast ('" + entry.strip() + "')");
            }
            protocol = TransportProtocol.UDP_MULTICAST;
        }
        return new TransportSpec(protocol, profile, destination, source, interleaved, port, ttl, clientPort,
                serverPort, ssrc, mode);
    }

    private static String requireValue(String key, String value) {
        if (value == null || value.isEmpty()) {
            throw new MalformedDataException(ERROR_PREFIX + "parameter '" + key + "' has no value");
        }
        return value;
    }

    /** {@code a-b}, or a single {@code a} meaning {@code a-(a+1)}. */
    private static PortPair parsePair(String key, String value, int max) {
        String v = requireValue(key, value);
        int dash = v.indexOf('-');
        if (dash < 0) {
            int first = parseNumber(key, v, max - 1);
            return new PortPair(first, first + 1);
        }
        int first = parseNumber(key, v.substring(0, dash).strip(), max);
        int second = parseNumber(key, v.substring(dash + 1).strip(), max);
        return new PortPair(first, second);
    }

    private static int parseNumber(String key, String value, int max) {
        if (value.isEmpty() || value.length() > 10) {
            throw invalidValue(key, value);
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw invalidValue(key, value);
            }
            n = n * 10 + (c - '0');
        }
        if (n > max) {
            throw invalidValue(key, value);
        }
        return (int) n;
    }

    private static MalformedDataException invalidValue(String key, String value) {
        return new MalformedDataException(ERROR_PREFIX + "invalid " + key + " '" + value + "'");
    }

    private static Long parseSsrc(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > 8) {
            return null;
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            int d = Character.digit(v.charAt(i), 16);
            if (d < 0) {
                return null;
            }
            n = (n << 4) | d;
        }
        return n;
    }

    private static Mode parseMode(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "play" -> Mode.PLAY;
            case "record", "receive" -> Mode.RECORD;
            default -> throw new MalformedDataException(ERROR_PREFIX + "invalid mode '" + value + "'");
        };
    }

    /** An address is written back unquoted, so it may not hold what would split the header. */
    private static String address(String key, String value) {
        if (value.indexOf(';') >= 0 || value.indexOf(',') >= 0 || value.indexOf('"') >= 0) {
            throw new org.rtspkit.api.MalformedDataException("invalid transport header: " + key + " '" + value
                    + "' is not an address");
        }
        return value;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return value.substring(1, value.length() - 1).strip();
        }
        return value;
    }

    /** Splits on {@code separator} outside double quotes (a quoted destination may hold either separator). */
    private static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>(4);
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
        parts.add(value.substring(start));
        return parts;
    }
}
