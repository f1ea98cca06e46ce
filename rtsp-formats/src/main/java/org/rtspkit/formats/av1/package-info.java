/** AV1 over RTP (AOMedia RTP payload format for AV1, v1.0). */
package org.rtspkit.formats.av1;
