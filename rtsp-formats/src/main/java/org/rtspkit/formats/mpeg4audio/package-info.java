/**
 * AAC over RTP: MPEG4-GENERIC (RFC 3640, AAC-hbr and AAC-lbr) and MP4A-LATM (RFC 6416), with the
 * AudioSpecificConfig, the LATM StreamMuxConfig and ADTS.
 */
package org.rtspkit.formats.mpeg4audio;
