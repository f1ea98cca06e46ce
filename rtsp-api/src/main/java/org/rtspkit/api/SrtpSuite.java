package org.rtspkit.api;

/**
 * The SRTP crypto suites rtspkit speaks, named as in RFC 4568, RFC 6188 and RFC 7714; an application
 * picks the one its RTSPS readers get with {@link ServerConfig.Builder#srtpSuite}.
 *
 * <p>Overheads are the bytes a protected packet gains over the plain one, without a master key
 * identifier (MKI); key material that carries an MKI adds its length. The plain payload budget of a stream is therefore
 * {@code maxPacketSize - rtpOverhead()} for RTP and {@code maxPacketSize - rtcpOverhead()} for RTCP.
 */
public enum SrtpSuite {
    /** RFC 3711's default: AES-128 counter mode, HMAC-SHA-1 tag truncated to 80 bits. Every MIKEY client supports it. */
    AES_CM_128_HMAC_SHA1_80(16, 14, 10, false),
    /** RFC 6188: as the default with a 256-bit key (the key derivation runs AES-256 too). */
    AES_256_CM_HMAC_SHA1_80(32, 14, 10, false),
    /** RFC 7714: AES-128-GCM; a 96-bit salt and a 128-bit tag that covers both encryption and authentication. */
    AEAD_AES_128_GCM(16, 12, 16, true);

    /** The suite used when nothing else is configured or negotiated. */
    public static final SrtpSuite DEFAULT = AES_CM_128_HMAC_SHA1_80;

    /** Bytes of the SRTCP word after the payload: the E flag and the 31-bit SRTCP index. */
    public static final int SRTCP_INDEX_LENGTH = 4;

    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int authTagLength;
    private final boolean aead;

    SrtpSuite(int masterKeyLength, int masterSaltLength, int authTagLength, boolean aead) {
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.authTagLength = authTagLength;
        this.aead = aead;
    }

    /**
     * Bytes of the master key: 16 or 32. The session encryption key has the same length.
     *
     * @return the master key length in bytes
     */
    public int masterKeyLength() {
        return masterKeyLength;
    }

    /**
     * Bytes of the master salt: 14, or 12 for GCM. The session salt has the same length.
     *
     * @return the master salt length in bytes
     */
    public int masterSaltLength() {
        return masterSaltLength;
    }

    /**
     * Master key plus master salt: the length of the key carried in MIKEY's KEMAC (30, 46 or 28).
     *
     * @return the key and salt length in bytes
     */
    public int keyMaterialLength() {
        return masterKeyLength + masterSaltLength;
    }

    /**
     * Bytes of the authentication tag on every packet: 10 for HMAC-SHA-1-80, 16 for GCM.
     *
     * @return the tag length in bytes
     */
    public int authTagLength() {
        return authTagLength;
    }

    /**
     * True for the AEAD suite, whose tag comes from the cipher rather than a separate HMAC.
     *
     * @return true for AEAD_AES_128_GCM
     */
    public boolean isAead() {
        return aead;
    }

    /**
     * Bytes added to an RTP packet (the tag), without MKI.
     *
     * @return the bytes added to each RTP packet
     */
    public int rtpOverhead() {
        return authTagLength;
    }

    /**
     * Bytes added to an RTCP packet (the tag and the E flag with the SRTCP index), without MKI.
     *
     * @return the bytes added to each RTCP packet
     */
    public int rtcpOverhead() {
        return authTagLength + SRTCP_INDEX_LENGTH;
    }
}
