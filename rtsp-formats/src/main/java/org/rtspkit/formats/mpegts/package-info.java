/** MPEG-2 transport streams over RTP (RFC 2250). */
package org.rtspkit.formats.mpegts;
