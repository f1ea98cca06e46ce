/** VP9 over RTP (RFC 9628). */
package org.rtspkit.formats.vp9;
