package org.rtspkit.protocol.rtsp;

import java.util.Locale;
import org.rtspkit.api.MalformedDataException;

/**
 * A request URL ({@code rtsp://} or {@code rtsps://}) split into its parts, and the rules that turn
 * one into the path, query and track that clients mean (REFERENCE §3.10).
 *
 * <p>{@code path} and {@code rawQuery} are kept exactly as written, percent-escapes included, so
 * that URLs rebuilt from them ({@code RTP-Info}, control matching) are byte-identical to what the
 * client sent.
 *
 * @param scheme      {@code rtsp} or {@code rtsps}, lower case
 * @param userInfo    the part before {@code @} in the authority, or null
 * @param hostAndPort the authority without user info, as written ({@code localhost:8554}, {@code [::1]:554})
 * @param host        the host, without the brackets of an IPv6 literal
 * @param port        the port, or -1 when the URL has none
 * @param path        the path, as written; empty when the URL has none
 * @param rawQuery    the text after {@code ?}, as written; empty when the URL has none
 */
public record RtspUrl(String scheme, String userInfo, String hostAndPort, String host, int port, String path,
                      String rawQuery) {

    /** What VLC's fall-back dialect produces; the message helps users searching for the symptom. */
    public static final String INVALID_SETUP_PATH =
            "invalid SETUP path. This typically happens when VLC fails a request, and then switches to an "
                    + "unsupported RTSP dialect";

    private static final String TRACK_ID = "/trackID=";

    /** The path and query a request is about. */
    public record PathAndQuery(String path, String query) {
    }

    /** Where a reader's SETUP points: the stream's path and query, and the track id (possibly not numeric). */
    public record SetupTarget(String path, String query, String trackId) {
    }

    /**
     * Parses a request URI.
     *
     * @return the URL, or null for {@code *} (OPTIONS without a URL)
     * @throws MalformedDataException when the URI is not an {@code rtsp}/{@code rtsps} URL with an
     *         authority, has a fragment, a control character, a bad port or a bad percent-escape
     */
    public static RtspUrl parse(String uri) {
        if (uri.equals("*")) {
            return null;
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                throw invalid(uri, "it contains a control character or a space");
            }
        }
        if (uri.indexOf('#') >= 0) {
            throw invalid(uri, "URLs with fragments are not supported");
        }
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtsp") && !scheme.equals("rtsps")) {
            throw invalid(uri, "unsupported scheme '" + (colon < 0 ? "" : uri.substring(0, colon)) + "'");
        }
        if (!uri.startsWith("//", colon + 1)) {
            throw invalid(uri, "URLs with opaque data are not supported");
        }
        int authorityStart = colon + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < uri.length() && uri.charAt(authorityEnd) != '/' && uri.charAt(authorityEnd) != '?') {
            authorityEnd++;
        }
        String authority = uri.substring(authorityStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? null : authority.substring(0, at);
        String hostAndPort = authority.substring(at + 1);

        String host;
        String portText;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                throw invalid(uri, "missing ']' in host");
            }
            host = hostAndPort.substring(1, close);
            String rest = hostAndPort.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw invalid(uri, "unexpected text after IPv6 host");
            }
            portText = rest.isEmpty() ? "" : rest.substring(1);
        } else {
            int portColon = hostAndPort.lastIndexOf(':');
            host = portColon < 0 ? hostAndPort : hostAndPort.substring(0, portColon);
            portText = portColon < 0 ? "" : hostAndPort.substring(portColon + 1);
        }
        int port = parsePort(uri, portText);

        int queryStart = uri.indexOf('?', authorityEnd);
        String path = uri.substring(authorityEnd, queryStart < 0 ? uri.length() : queryStart);
        String rawQuery = queryStart < 0 ? "" : uri.substring(queryStart + 1);
        checkEscapes(uri, path);
        return new RtspUrl(scheme, userInfo, hostAndPort, host, port, path, rawQuery);
    }

    /**
     * The path and query of a DESCRIBE, PLAY, RECORD, PAUSE, GET_PARAMETER or SET_PARAMETER request.
     * FFmpeg appends {@code /} to the query and GStreamer to the path (both build URLs from the
     * {@code Content-Base}); one trailing slash is removed so both name the same stream.
     */
    public static PathAndQuery pathAndQuery(RtspUrl url) {
        String path = url.path;
        String query = url.rawQuery;
        if (query.endsWith("/")) {
            return new PathAndQuery(path, query.substring(0, query.length() - 1));
        }
        if (path.length() > 1 && path.endsWith("/")) {
            return new PathAndQuery(path.substring(0, path.length() - 1), query);
        }
        return new PathAndQuery(path, query);
    }

    /**
     * Where a reader's SETUP points, by the rules of REFERENCE §3.10: the last {@code /trackID=} of
     * the query (FFmpeg puts the control after the query), else of the path (GStreamer); without one,
     * a trailing slash on the query or path, or an empty path, means track 0.
     *
     * @throws MalformedDataException with {@link #INVALID_SETUP_PATH} when none of the shapes fits
     */
    public static SetupTarget pathQueryAndTrackId(RtspUrl url) {
        String path = url.path;
        String query = url.rawQuery;
        int i = query.lastIndexOf(TRACK_ID);
        if (i >= 0) {
            return new SetupTarget(path, query.substring(0, i), query.substring(i + TRACK_ID.length()));
        }
        i = path.lastIndexOf(TRACK_ID);
        if (i >= 0) {
            return new SetupTarget(path.substring(0, i), query, path.substring(i + TRACK_ID.length()));
        }
        // no track id and a trailing slash: FFmpeg reading an MPEG-TS stream does this
        if (query.endsWith("/")) {
            return new SetupTarget(path, query.substring(0, query.length() - 1), "0");
        }
        if (path.length() > 1 && path.endsWith("/")) {
            return new SetupTarget(path.substring(0, path.length() - 1), query, "0");
        }
        if (path.isEmpty() || path.equals("/")) {
            return new SetupTarget(path, query, "0");
        }
        throw new MalformedDataException(INVALID_SETUP_PATH);
    }

    /**
     * Whether a publisher's SETUP URL names the announced media with this {@code a=control}: an
     * absolute control must equal the URL; a relative one may follow the query (FFmpeg:
     * {@code <path>?<query>/<control>}, or {@code <path>/<control>} without a query) or sit between
     * path and query (GStreamer: {@code <path>/<control>?<query>}).
     */
    public static boolean matchesControl(RtspUrl requestUrl, String announcePath, String announceQuery,
                                         String control) {
        String request = requestUrl.withoutUserInfo();
        if (control.startsWith("rtsp://") || control.startsWith("rtsps://")) {
            if (control.equals(request)) {
                return true;
            }
            RtspUrl absolute;
            try {
                absolute = parse(control);
            } catch (MalformedDataException e) {
                return false;
            }
            return absolute.withoutUserInfo().equals(request);
        }
        String prefix = requestUrl.scheme + "://" + requestUrl.hostAndPort;
        String query = announceQuery == null ? "" : announceQuery;
        String ffmpeg = query.isEmpty()
                ? prefix + announcePath + "/" + control
                : prefix + announcePath + "?" + query + "/" + control;
        if (ffmpeg.equals(request)) {
            return true;
        }
        String gstreamer = prefix + announcePath + "/" + control + (query.isEmpty() ? "" : "?" + query);
        return gstreamer.equals(request);
    }

    /** The URL as text without user info: {@code scheme://hostAndPort path [?query]}. */
    public String withoutUserInfo() {
        return scheme + "://" + hostAndPort + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    @Override
    public String toString() {
        return scheme + "://" + (userInfo == null ? "" : userInfo + "@") + hostAndPort + path
                + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    private static int parsePort(String uri, String text) {
        if (text.isEmpty()) {
            return -1;
        }
        if (text.length() > 5) {
            throw invalid(uri, "invalid port '" + text + "'");
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(uri, "invalid port '" + text + "'");
            }
            port = port * 10 + (c - '0');
        }
        if (port > 65535) {
            throw invalid(uri, "invalid port '" + text + "'");
        }
        return port;
    }

    private static void checkEscapes(String uri, String path) {
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
                    || Character.digit(path.charAt(i + 2), 16) < 0) {
                throw invalid(uri, "invalid percent-escape in path");
            }
        }
    }

    private static MalformedDataException invalid(String uri, String reason) {
        return new MalformedDataException("invalid URL '" + uri + "': " + reason);
    }
}
