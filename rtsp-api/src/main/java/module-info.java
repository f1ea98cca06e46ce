/**
 * The application-facing surface of rtspkit: streams, medias and formats, RTP and RTCP packet
 * values, the handler callbacks and the server configuration. Depends on the JDK only.
 */
module org.rtspkit.api {
    exports org.rtspkit.api;
}
