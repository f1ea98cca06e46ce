/** Uncompressed PCM over RTP: L8 and L16 (RFC 3551), L24 (RFC 3190). */
package org.rtspkit.formats.lpcm;
