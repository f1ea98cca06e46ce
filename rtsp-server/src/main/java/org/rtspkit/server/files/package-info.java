/**
 * Files on demand ({@code --files}): {@code FileLibrary} maps a request path to a file under the folder
 * served, {@code MediaFile} reads it whole into access units with their times ({@code .ts} through the
 * formats module's {@code TsDemuxer}, raw H264 and H265 through {@code AnnexBAccessUnits}, ADTS AAC),
 * and {@code FilePlayback} plays it on every listener, paced by its times and looping, through the
 * formats' packetizers while someone reads it.
 */
package org.rtspkit.server.files;
