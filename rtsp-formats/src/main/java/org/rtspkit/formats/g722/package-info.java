/** G.722 over RTP (RFC 3551). */
package org.rtspkit.formats.g722;
