/**
 * The RTSP client. {@link org.rtspkit.client.RtspClient} drives one session with a server, reading
 * ({@code describe}, {@code setupAll}, {@code play}) or publishing ({@code announce},
 * {@code setupAll}, {@code record}, {@code writePacketRtp}); {@link org.rtspkit.client.ClientHandler}
 * receives packets, losses and the end of the session; {@link org.rtspkit.client.ClientConfig} holds
 * every setting with its default. Failures are {@link org.rtspkit.client.RtspClientException}s:
 * {@link org.rtspkit.client.RtspRefusedException} when the server answered with an error status,
 * {@link org.rtspkit.client.RtspTimeoutException} when a deadline passed.
 */
package org.rtspkit.client;
