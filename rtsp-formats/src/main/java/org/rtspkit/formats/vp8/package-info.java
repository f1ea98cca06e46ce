/** VP8 over RTP (RFC 7741). */
package org.rtspkit.formats.vp8;
