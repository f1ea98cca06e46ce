/**
 * H.264 over RTP (RFC 6184): packetizer and depacketizer (single NAL unit, STAP-A, FU-A), the SPS
 * reader and the avcC record.
 */
package org.rtspkit.formats.h264;
