/** Opus over RTP (RFC 7587). */
package org.rtspkit.formats.opus;
