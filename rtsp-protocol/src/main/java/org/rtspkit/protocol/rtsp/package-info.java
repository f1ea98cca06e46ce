/**
 * RTSP/1.0 on the wire: the incremental request and interleaved-frame decoder, the response
 * encoder, request URLs and the path rules clients depend on, the small header codecs
 * ({@code Session}, {@code RTP-Info}) and request authentication. Nothing here does I/O.
 */
package org.rtspkit.protocol.rtsp;
