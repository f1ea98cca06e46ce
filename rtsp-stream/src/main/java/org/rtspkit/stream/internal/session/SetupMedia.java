package org.rtspkit.stream.internal.session;

import org.rtspkit.api.Media;
import org.rtspkit.spi.MediaBinding;
import org.rtspkit.spi.TransportSpec;

/**
 * One media set up by a session.
 *
 * @param media       the stream's media (reader) or the announced media (publisher)
 * @param outputIndex the index the output and stream use for it
 * @param binding     the transport's binding
 * @param inbound     the publisher's receiver, null for a reader
 * @param reply       the transport fields the binding chose
 */
record SetupMedia(Media media, int outputIndex, MediaBinding binding, PublisherMedia inbound, TransportSpec reply) {
}
