/**
 * Motion JPEG over RTP (RFC 2435): the packetizer of the demo stream, a depacketizer that rebuilds JFIF
 * images with their quantization tables, and JPEG images reduced to what RTP carries.
 */
package org.rtspkit.formats.mjpeg;
