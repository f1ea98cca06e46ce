/**
 * The ready-to-use RTSP server ({@code ./rtspkit-server}): {@link org.rtspkit.server.RtspkitServer} is the
 * program (command line, exit status, signals) and {@link org.rtspkit.server.RunningServer} wires the
 * listeners, paths, demo, summary and metrics together from the options. Each job has a package below:
 * {@code options} (the command line), {@code paths} (who publishes where, and the handler that relays
 * publishers to readers), {@code demo} (the generated stream at {@code /demo}), {@code metrics} (the summary
 * line and {@code /metrics}) and {@code tls} (the RTSPS certificate).
 */
package org.rtspkit.server;
