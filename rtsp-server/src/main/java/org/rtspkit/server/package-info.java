/**
 * The ready-to-use RTSP server ({@code ./rtspkit-server}): {@link org.rtspkit.server.RtspkitServer}
 * parses the command line ({@code ServerOptions}), and {@code PublishingHandler} lets any client publish
 * to a free path and any number of clients read it, keeping track of paths in {@code PathRegistry}.
 * {@code DemoStream} serves a generated picture and tone at {@code /demo} without a publisher.
 */
package org.rtspkit.server;
