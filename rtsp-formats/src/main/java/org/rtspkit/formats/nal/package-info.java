/**
 * The byte-stream forms of H.264 and H.265 NAL units: Annex-B (start codes) and length-prefixed
 * samples (AVCC), and the conversions between them.
 */
package org.rtspkit.formats.nal;
