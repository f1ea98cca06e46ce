/**
 * The server's own stream at {@code /demo} ({@link org.rtspkit.server.demo.DemoStream}): a test picture
 * drawn, encoded as JPEG and sent as RTP/JPEG (RFC 2435, the formats module's packetizer), and a tone in
 * G.711 mu-law. Depends on the API, the formats module and the JDK only.
 */
package org.rtspkit.server.demo;
