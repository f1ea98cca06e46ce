package org.rtspkit.srtp;

/**
 * The keys one direction of SRTP or SRTCP uses per packet, derived from the master key (RFC 3711 §4.3).
 *
 * @param encryptionKey the AES key, as long as the master key
 * @param salt          the session salt, as long as the master salt
 * @param authKey       the 20-byte HMAC-SHA-1 key, or null for GCM (its tag needs no separate key)
 */
record SessionKeys(byte[] encryptionKey, byte[] salt, byte[] authKey) {
}
