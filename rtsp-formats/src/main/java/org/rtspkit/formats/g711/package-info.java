/** G.711 over RTP (RFC 3551: PCMU, PCMA). */
package org.rtspkit.formats.g711;
