/** KLV metadata over RTP (RFC 6597). */
package org.rtspkit.formats.klv;
