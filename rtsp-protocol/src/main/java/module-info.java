/**
 * RTSP/1.0 and SDP as text and bytes, shared by rtspkit's own modules: the request and
 * interleaved-frame decoder, the response encoder, and for the client the request encoder, the
 * response decoder and the answer to authentication challenges, request URLs, the header codecs
 * ({@code Transport}, {@code Session}, {@code RTP-Info}, {@code KeyMgmt}, {@code Authorization} and
 * {@code WWW-Authenticate}) and SDP reading and writing. Nothing here does I/O.
 *
 * <p>The request decoder's limits (a 2,048-byte URL, 255 headers, a 128 KiB body...) are the
 * constants of {@code RequestDecoder}; past one the connection is closed without an answer.
 */
module org.rtspkit.protocol {
    // TransportSpec, the value the Transport header is read into, is the SPI's: the engine hands it
    // to the transport plugins as it is.
    requires transitive org.rtspkit.spi;

    // Qualified: the codecs are rtspkit's own business. Applications see RtspRequest, RtspResponse
    // and SessionDescription in org.rtspkit.api, never their wire form. The engine reads requests
    // and writes responses; the client writes requests and reads responses.
    exports org.rtspkit.protocol.rtsp to org.rtspkit.stream, org.rtspkit.client;
    exports org.rtspkit.protocol.sdp to org.rtspkit.stream, org.rtspkit.client;
}
