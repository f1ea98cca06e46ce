package org.rtspkit.api;

import java.util.Map;

/** RTSP/1.0 status codes (RFC 2326 §7.1.1) and their reason phrases. */
public final class RtspStatus {
    /** 100 Continue. */
    public static final int CONTINUE = 100;
    /** 200 OK. */
    public static final int OK = 200;
    /** 301 Moved Permanently. */
    public static final int MOVED_PERMANENTLY = 301;
    /** 302 Found. */
    public static final int FOUND = 302;
    /** 400 Bad Request: the request could not be parsed or is not allowed. */
    public static final int BAD_REQUEST = 400;
    /** 401 Unauthorized: credentials are missing or wrong. */
    public static final int UNAUTHORIZED = 401;
    /** 403 Forbidden. */
    public static final int FORBIDDEN = 403;
    /** 404 Not Found: nothing is published at the path. */
    public static final int NOT_FOUND = 404;
    /** 405 Method Not Allowed. */
    public static final int METHOD_NOT_ALLOWED = 405;
    /** 413 Request Entity Too Large. */
    public static final int REQUEST_ENTITY_TOO_LARGE = 413;
    /** 414 Request-URI Too Long. */
    public static final int REQUEST_URI_TOO_LONG = 414;
    /** 415 Unsupported Media Type. */
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    /** 454 Session Not Found. */
    public static final int SESSION_NOT_FOUND = 454;
    /** 455 Method Not Valid in This State. */
    public static final int METHOD_NOT_VALID_IN_THIS_STATE = 455;
    /** 461 Unsupported Transport: no transport on the module path serves what the client asked. */
    public static final int UNSUPPORTED_TRANSPORT = 461;
    /** 500 Internal Server Error. */
    public static final int INTERNAL_SERVER_ERROR = 500;
    /** 501 Not Implemented. */
    public static final int NOT_IMPLEMENTED = 501;
    /** 503 Service Unavailable: a limit such as {@code maxSessions} is reached. */
    public static final int SERVICE_UNAVAILABLE = 503;
    /** 505 RTSP Version Not Supported. */
    public static final int RTSP_VERSION_NOT_SUPPORTED = 505;

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Continue"),
            Map.entry(200, "OK"),
            Map.entry(201, "Created"),
            Map.entry(250, "Low on Storage Space"),
            Map.entry(300, "Multiple Choices"),
            Map.entry(301, "Moved Permanently"),
            Map.entry(302, "Found"),
            Map.entry(303, "See Other"),
            Map.entry(304, "Not Modified"),
            Map.entry(305, "Use Proxy"),
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(402, "Payment Required"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"),
            Map.entry(407, "Proxy Authentication Required"),
            Map.entry(408, "Request Timeout"),
            Map.entry(410, "Gone"),
            Map.entry(411, "Length Required"),
            Map.entry(412, "Precondition Failed"),
            Map.entry(413, "Request Entity Too Large"),
            Map.entry(414, "Request-URI Too Long"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(451, "Parameter Not Understood"),
            Map.entry(452, "Conference Not Found"),
            Map.entry(453, "Not Enough Bandwidth"),
            Map.entry(454, "Session Not Found"),
            Map.entry(455, "Method Not Valid in This State"),
            Map.entry(456, "Header Field Not Valid for Resource"),
            Map.entry(457, "Invalid Range"),
            Map.entry(458, "Parameter Is Read-Only"),
            Map.entry(459, "Aggregate Operation Not Allowed"),
            Map.entry(460, "Only Aggregate Operation Allowed"),
            Map.entry(461, "Unsupported Transport"),
            Map.entry(462, "Destination Unreachable"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"),
            Map.entry(505, "RTSP Version Not Supported"),
            Map.entry(551, "Option Not Supported"));

    private RtspStatus() {
    }

    /**
     * The standard reason phrase, or {@code "Unknown"} for a code outside the table.
     *
     * @param code a status code
     * @return the reason phrase
     */
    public static String reason(int code) {
        return REASONS.getOrDefault(code, "Unknown");
    }
}
