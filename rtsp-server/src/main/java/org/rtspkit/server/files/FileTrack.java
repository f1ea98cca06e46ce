package org.rtspkit.server.files;

import org.rtspkit.api.Format;
import org.rtspkit.api.MediaType;

/** One media of a file as it is served: its type and the RTP format its units are packetized in. */
record FileTrack(MediaType type, Format format) {
}
