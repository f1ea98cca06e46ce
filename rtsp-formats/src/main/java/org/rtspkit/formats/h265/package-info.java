/** H.265 over RTP (RFC 7798): packetizer and depacketizer (single NAL unit, AP, FU), and the SPS reader. */
package org.rtspkit.formats.h265;
