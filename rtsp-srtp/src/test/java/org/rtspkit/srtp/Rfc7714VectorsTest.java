package org.rtspkit.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.api.SrtpSuite;

/**
 * RFC 7714 §16 (SRTP) and §17 (SRTCP) test vectors for AEAD_AES_128_GCM. The RFC gives session key
 * and salt directly (no key derivation), so the context is built from them.
 */
class Rfc7714VectorsTest {
    private static final byte[] KEY = Hex.bytes("000102030405060708090a0b0c0d0e0f");
    private static final byte[] SALT = Hex.bytes("517569642070726f2071756f");

    private static final String RTP = "8040f17b8041f8d35501a0b2"
            + "47616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573";
    private static final String SRTP = "8040f17b8041f8d35501a0b2"
            + "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833899d7f27beb1"
            + "6a9152cf765ee4390cce";

    private static final String RTCP = "81c8000d4d617273"
            + "4e5450314e545032525450200000042a0000e9304c756e61deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";
    /** Encrypted, SRTCP index 0x5d4 with the E flag. */
    private static final String SRTCP = "81c8000d4d617273"
            + "63e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b4686303ded0bb9275bc84aa458"
            + "96cf4d2fc5abf87245d9eade" + "800005d4";
    /** Authenticated only: the clear packet, the 16-byte tag, then index 0x5d4 with E clear. */
    private static final String SRTCP_AUTH_ONLY = RTCP + "841dd9683dd78ec92ae58790125f62b3" + "000005d4";

    private static JcaSrtpContext context() {
        SessionKeys keys = new SessionKeys(KEY, SALT, null);
        return JcaSrtpContext.withSessionKeys(SrtpSuite.AEAD_AES_128_GCM, new byte[0], keys, keys);
    }

    @Test
    void section16RtpEncryption() throws SrtpException {
        byte[] plain = Hex.bytes(RTP);
        byte[] out = new byte[plain.length + 16];
        int n = context().protectRtp(plain, 0, plain.length, out, 0);
        assertEquals(SRTP, Hex.of(out, 0, n));
    }

    @Test
    void section16RtpDecryption() throws SrtpException {
        byte[] packet = Hex.bytes(SRTP);
        int n = context().unprotectRtp(packet, 0, packet.length, packet, 0);
        assertEquals(RTP, Hex.of(packet, 0, n));
    }

    @Test
    void section16RtpWithAlteredHeaderFailsAuthentication() {
        byte[] packet = Hex.bytes(SRTP);
        packet[1] ^= 0x01; // the payload type is in the associated data
        SrtpException e = assertThrows(SrtpException.class,
                () -> context().unprotectRtp(packet, 0, packet.length, packet, 0));
        assertEquals(SrtpException.Reason.AUTHENTICATION_FAILED, e.reason());
    }

    @Test
    void section17RtcpEncryption() throws SrtpException {
        JcaSrtpContext context = context();
        byte[] plain = Hex.bytes(RTCP);
        byte[] out = new byte[plain.length + context.rtcpOverhead()];
        // The vector uses SRTCP index 0x5d4; a context sends 0, 1, 2, ... so step it there.
        for (int i = 0; i < 0x5d4; i++) {
            context.protectRtcp(plain, 0, plain.length, out, 0);
        }
        int n = context.protectRtcp(plain, 0, plain.length, out, 0);
        assertEquals(SRTCP, Hex.of(out, 0, n));
    }

    @Test
    void section17RtcpDecryption() throws SrtpException {
        byte[] packet = Hex.bytes(SRTCP);
        int n = context().unprotectRtcp(packet, 0, packet.length, packet, 0);
        assertEquals(RTCP, Hex.of(packet, 0, n));
    }

    @Test
    void section17RtcpAuthenticationOnly() throws SrtpException {
        byte[] packet = Hex.bytes(SRTCP_AUTH_ONLY);
        byte[] out = new byte[packet.length];
        int n = context().unprotectRtcp(packet, 0, packet.length, out, 0);
        assertEquals(RTCP, Hex.of(out, 0, n));
    }

    @Test
    void section17AuthenticationOnlyWithAlteredPayloadFails() {
        byte[] packet = Hex.bytes(SRTCP_AUTH_ONLY);
        packet[20] ^= 0x40;
        SrtpException e = assertThrows(SrtpException.class,
                () -> context().unprotectRtcp(packet, 0, packet.length, packet, 0));
        assertEquals(SrtpException.Reason.AUTHENTICATION_FAILED, e.reason());
    }
}
