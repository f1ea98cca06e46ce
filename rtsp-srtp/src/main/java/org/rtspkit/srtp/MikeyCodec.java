package org.rtspkit.srtp;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.NtpTime;
import org.rtspkit.spi.CryptoSession;
import org.rtspkit.spi.MikeyMessage;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.api.SrtpSuite;

/**
 * MIKEY (RFC 3830) as RTSPS uses it: a pre-shared-key init message whose KEMAC carries the SRTP
 * master key in clear (NULL encryption, NULL MAC), which is acceptable because the message only
 * travels inside TLS. Field numbers are RFC 3830's, plus RFC 7714 §14.2 for GCM.
 *
 * <p>Encoded messages follow the layout clients are tuned to: HDR with an SRTP-ID map, then T
 * (NTP-UTC), RAND (16 bytes), SP (policy 0) and KEMAC with one TEK holding key and salt together.
 */
final class MikeyCodec {
    static final String ERROR_PREFIX = "invalid MIKEY message: ";
    static final Duration MAX_CLOCK_DIFFERENCE = Duration.ofHours(1);

    private static final int VERSION = 1;
    private static final int DATA_TYPE_PSK_INIT = 0;
    private static final int MAP_TYPE_SRTP_ID = 0;
    private static final int CS_ENTRY_LENGTH = 9;

    private static final int PT_LAST = 0;
    private static final int PT_KEMAC = 1;
    private static final int PT_T = 5;
    private static final int PT_ID = 6;
    private static final int PT_SP = 10;
    private static final int PT_RAND = 11;
    private static final int PT_KEY_DATA = 20;
    private static final int PT_GENERAL_EXTENSION = 21;

    private static final int TS_NTP_UTC = 0;
    private static final int TS_NTP = 1;
    private static final int TS_COUNTER = 2;

    private static final int PROT_SRTP = 0;
    private static final int RAND_LENGTH = 16;

    // SRTP policy parameter types (RFC 3830 §6.10.1, RFC 7714 §14.2).
    private static final int SP_ENCR_ALG = 0;
    private static final int SP_ENCR_KEY_LENGTH = 1;
    private static final int SP_AUTH_ALG = 2;
    private static final int SP_AUTH_KEY_LENGTH = 3;
    private static final int SP_SALT_LENGTH = 4;
    private static final int SP_PRF = 5;
    private static final int SP_KEY_DERIVATION_RATE = 6;
    private static final int SP_SRTP_ENCR = 7;
    private static final int SP_SRTCP_ENCR = 8;
    private static final int SP_SRTP_AUTH = 10;
    private static final int SP_AUTH_TAG_LENGTH = 11;
    private static final int SP_PREFIX_LENGTH = 12;
    private static final int SP_AEAD_TAG_LENGTH = 20;

    private static final int ENCR_NULL = 0;
    private static final int ENCR_AES_CM = 1;
    private static final int ENCR_AES_GCM = 6;
    private static final int AUTH_NULL = 0;
    private static final int AUTH_HMAC_SHA1 = 1;

    private static final int KEMAC_ENCR_NULL = 0;
    private static final int KEMAC_MAC_NULL = 0;
    private static final int KEMAC_MAC_HMAC_SHA1_160 = 1;
    private static final int KEMAC_MAC_HMAC_SHA1_160_LENGTH = 20;

    private static final int KEY_TGK = 0;
    private static final int KEY_TGK_SALT = 1;
    private static final int KEY_TEK = 2;
    private static final int KEY_TEK_SALT = 3;
    private static final int KV_NULL = 0;
    private static final int KV_SPI = 1;
    private static final int KV_INTERVAL = 2;

    private MikeyCodec() {
    }

    // ---------------------------------------------------------------------------------------------
    // Encoding

    static byte[] encode(MikeyMessage message, Instant now, Random random) {
        SrtpKeyMaterial key = message.keyMaterial();
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);

        out.write(VERSION);
        out.write(DATA_TYPE_PSK_INIT);
        out.write(PT_T);
        out.write(0); // V = 0 (no verification message wanted), PRF = MIKEY-1
        writeInt(out, random.nextInt()); // CSB ID
        out.write(message.cryptoSessions().size());
        out.write(MAP_TYPE_SRTP_ID);
        for (CryptoSession cs : message.cryptoSessions()) {
            out.write(0); // policy number of the SP payload below
            writeInt(out, (int) cs.ssrc());
            writeInt(out, (int) cs.rolloverCounter());
        }

        out.write(PT_RAND);
        out.write(TS_NTP_UTC);
        writeLong(out, NtpTime.encode(now));

        out.write(PT_SP);
        out.write(RAND_LENGTH);
        byte[] rand = new byte[RAND_LENGTH];
        random.nextBytes(rand);
        out.writeBytes(rand);

        byte[] policy = policyParameters(key.suite());
        out.write(PT_KEMAC);
        out.write(0); // policy number
        out.write(PROT_SRTP);
        writeShort(out, policy.length);
        out.writeBytes(policy);

        byte[] keyData = keyDataSubPayload(key);
        out.write(PT_LAST);
        out.write(KEMAC_ENCR_NULL);
        writeShort(out, keyData.length);
        out.writeBytes(keyData);
        out.write(KEMAC_MAC_NULL);
        return out.toByteArray();
    }

    /**
     * The SP parameters. For AES-CM these are, in order, what clients such as GStreamer and
     * gortsplib-based servers send and expect: AES-CM, key length, HMAC-SHA-1, a 20-byte session auth
     * key, encryption and authentication on, 10-byte tag.
     */
    private static byte[] policyParameters(SrtpSuite suite) {
        ByteArrayOutputStream p = new ByteArrayOutputStream(32);
        if (suite.isAead()) {
            param(p, SP_ENCR_ALG, ENCR_AES_GCM);
            param(p, SP_ENCR_KEY_LENGTH, suite.masterKeyLength());
            param(p, SP_SALT_LENGTH, suite.masterSaltLength());
            param(p, SP_AUTH_ALG, AUTH_NULL);
            param(p, SP_SRTP_ENCR, 1);
            param(p, SP_SRTCP_ENCR, 1);
            param(p, SP_SRTP_AUTH, 1);
            param(p, SP_AEAD_TAG_LENGTH, suite.authTagLength());
        } else {
            param(p, SP_ENCR_ALG, ENCR_AES_CM);
            param(p, SP_ENCR_KEY_LENGTH, suite.masterKeyLength());
            param(p, SP_AUTH_ALG, AUTH_HMAC_SHA1);
            param(p, SP_AUTH_KEY_LENGTH, KeyDerivation.AUTH_KEY_LENGTH);
            param(p, SP_SRTP_ENCR, 1);
            param(p, SP_SRTCP_ENCR, 1);
            param(p, SP_SRTP_AUTH, 1);
            param(p, SP_AUTH_TAG_LENGTH, suite.authTagLength());
        }
        return p.toByteArray();
    }

    private static void param(ByteArrayOutputStream p, int type, int value) {
        p.write(type);
        p.write(1);
        p.write(value);
    }

    private static byte[] keyDataSubPayload(SrtpKeyMaterial key) {
        ByteArrayOutputStream k = new ByteArrayOutputStream(48);
        byte[] keyAndSalt = key.concatenated();
        byte[] mki = key.mki();
        k.write(PT_LAST);
        k.write(KEY_TEK << 4 | (mki.length > 0 ? KV_SPI : KV_NULL));
        writeShort(k, keyAndSalt.length);
        k.writeBytes(keyAndSalt);
        if (mki.length > 0) {
            k.write(mki.length);
            k.writeBytes(mki);
        }
        java.util.Arrays.fill(keyAndSalt, (byte) 0);
        return k.toByteArray();
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        writeShort(out, v >>> 16);
        writeShort(out, v);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        writeInt(out, (int) (v >>> 32));
        writeInt(out, (int) v);
    }

    // ---------------------------------------------------------------------------------------------
    // Decoding

    static MikeyMessage decode(byte[] data, Instant now) {
        if (data == null || data.length == 0) {
            throw invalid("no data");
        }
        Reader r = new Reader(data);
        r.need(10, "the common header");
        int version = r.u8();
        if (version != VERSION) {
            throw invalid("version " + version + ", expected 1");
        }
        int dataType = r.u8();
        if (dataType != DATA_TYPE_PSK_INIT) {
            throw invalid("data type " + dataType + " is not supported (only pre-shared key init, 0)");
        }
        int next = r.u8();
        r.u8(); // V flag and PRF: nothing is derived from a TGK here, so neither matters
        r.skip(4); // CSB ID
        int csCount = r.u8();
        int mapType = r.u8();
        if (mapType != MAP_TYPE_SRTP_ID) {
            throw invalid("CS ID map type " + mapType + " is not supported (only SRTP-ID, 0)");
        }
        r.need(csCount * CS_ENTRY_LENGTH, "the CS ID map of " + csCount + " entries");
        List<CryptoSession> sessions = new ArrayList<>(csCount);
        int[] policies = new int[csCount];
        for (int i = 0; i < csCount; i++) {
            policies[i] = r.u8();
            sessions.add(new CryptoSession(r.u32(), r.u32()));
        }

        Long ntp = null;
        Policy policy = null;
        Kemac kemac = null;
        while (next != PT_LAST) {
            int type = next;
            switch (type) {
                case PT_T -> {
                    if (ntp != null) {
                        throw invalid("more than one T payload");
                    }
                    ntp = readTimestamp(r);
                    next = r.lastNext;
                }
                case PT_RAND -> {
                    r.need(2, "the RAND payload");
                    next = r.u8();
                    int length = r.u8();
                    r.need(length, "the RAND payload");
                    r.skip(length);
                }
                case PT_SP -> {
                    if (policy != null) {
                        throw invalid("more than one SP payload");
                    }
                    policy = readPolicy(r);
                    next = r.lastNext;
                }
                case PT_KEMAC -> {
                    if (kemac != null) {
                        throw invalid("more than one KEMAC payload");
                    }
                    kemac = readKemac(r);
                    next = r.lastNext;
                }
                case PT_ID, PT_GENERAL_EXTENSION -> {
                    // Both are next | type | 16-bit length | data and say nothing SRTP needs.
                    r.need(4, type == PT_ID ? "the ID payload" : "the general extension payload");
                    next = r.u8();
                    r.u8();
                    int length = r.u16();
                    r.need(length, type == PT_ID ? "the ID payload" : "the general extension payload");
                    r.skip(length);
                }
                default -> throw invalid("payload type " + type + " is not supported in a pre-shared key init message");
            }
        }
        int trailing = r.remaining();
        // One zero byte of padding after the last payload is tolerated: some cameras send it.
        if (trailing > 1 || trailing == 1 && data[data.length - 1] != 0) {
            throw invalid(trailing + " unexpected bytes after the last payload");
        }

        if (ntp == null) {
            throw invalid("T payload missing");
        }
        checkTime(ntp, now);
        if (policy == null) {
            throw invalid("SP payload missing");
        }
        if (kemac == null) {
            throw invalid("KEMAC payload missing");
        }
        for (int p : policies) {
            if (p != policy.number) {
                throw invalid("crypto session refers to policy " + p + " but the SP payload defines policy "
                        + policy.number);
            }
        }
        SrtpSuite suite = policy.suite();
        byte[] keyAndSalt = kemac.keyAndSalt(suite);
        SrtpKeyMaterial key = SrtpKeyMaterial.fromConcatenated(suite, keyAndSalt, kemac.spi);
        java.util.Arrays.fill(keyAndSalt, (byte) 0);
        return new MikeyMessage(key, sessions);
    }

    private static long readTimestamp(Reader r) {
        r.need(2, "the T payload");
        r.lastNext = r.u8();
        int tsType = r.u8();
        switch (tsType) {
            case TS_NTP_UTC, TS_NTP -> {
                r.need(8, "the T payload");
                return r.u64();
            }
            case TS_COUNTER -> throw invalid("T payload holds a counter, not a time; cannot check its freshness");
            default -> throw invalid("T payload type " + tsType + " is unknown");
        }
    }

    private static void checkTime(long ntp, Instant now) {
        Instant sent = NtpTime.decode(ntp);
        Duration difference = Duration.between(now, sent).abs();
        if (difference.compareTo(MAX_CLOCK_DIFFERENCE) > 0) {
            throw invalid("T payload time " + sent + " is more than 1 h from now (" + now
                    + "): NTP difference is too high");
        }
    }

    /** The SP payload, with RFC 3830's defaults for parameters it leaves out. */
    private static final class Policy {
        int number;
        int encryption = ENCR_AES_CM;
        int encryptionKeyLength = -1;
        int saltLength = -1;
        int authentication = AUTH_HMAC_SHA1;
        int authKeyLength = -1;
        int authTagLength = -1;
        int aeadTagLength = -1;
        int srtpEncryption = 1;
        int srtcpEncryption = 1;
        int srtpAuthentication = 1;
        int prf;
        long keyDerivationRate;
        int prefixLength;

        SrtpSuite suite() {
            if (srtpEncryption != 1 || srtcpEncryption != 1) {
                throw invalid("SP policy turns SRTP or SRTCP encryption off; both must be on");
            }
            if (prf != 0) {
                throw invalid("SP policy names SRTP PRF " + prf + " (only AES-CM, 0)");
            }
            if (keyDerivationRate != 0) {
                throw invalid("SP policy asks for key derivation rate " + keyDerivationRate + " (only 0)");
            }
            if (prefixLength != 0) {
                throw invalid("SP policy asks for an SRTP prefix of " + prefixLength + " bytes (only 0)");
            }
            SrtpSuite suite;
            if (encryption == ENCR_AES_CM) {
                int keyLength = encryptionKeyLength < 0 ? 16 : encryptionKeyLength;
                if (keyLength == 16) {
                    suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
                } else if (keyLength == 32) {
                    suite = SrtpSuite.AES_256_CM_HMAC_SHA1_80;
                } else {
                    throw invalid("SP policy names AES-CM with a " + keyLength + "-byte key (only 16 or 32)");
                }
                checkHmacPolicy();
            } else if (encryption == ENCR_AES_GCM) {
                int keyLength = encryptionKeyLength < 0 ? 16 : encryptionKeyLength;
                if (keyLength != 16) {
                    throw invalid("SP policy names AES-GCM with a " + keyLength + "-byte key (only 16)");
                }
                suite = SrtpSuite.AEAD_AES_128_GCM;
                if (aeadTagLength >= 0 && aeadTagLength != AesGcm.TAG_LENGTH) {
                    throw invalid("SP policy asks for a " + aeadTagLength + "-byte AEAD tag (only 16)");
                }
                // GCM authenticates by itself: the HMAC parameters, if any, do not apply.
            } else {
                throw invalid("SP policy names encryption algorithm " + encryption
                        + " (supported: AES-CM, 1; AES-GCM, 6)");
            }
            if (saltLength >= 0 && saltLength != suite.masterSaltLength()) {
                throw invalid("SP policy asks for a " + saltLength + "-byte salt; " + suite + " uses "
                        + suite.masterSaltLength());
            }
            return suite;
        }

        private void checkHmacPolicy() {
            if (authentication != AUTH_HMAC_SHA1) {
                throw invalid("SP policy names authentication algorithm " + authentication + " (only HMAC-SHA-1, 1)");
            }
            if (srtpAuthentication != 1) {
                throw invalid("SP policy turns SRTP authentication off; it must be on");
            }
            // 20 is the HMAC-SHA-1 key length; GStreamer writes the tag length here instead (10 for the
            // 80-bit tag, 4 for the 32-bit one), so 10 is accepted and 4 read as the unsupported tag.
            if (authKeyLength >= 0 && authKeyLength != 20 && authKeyLength != 10) {
                throw invalid("SP policy asks for a " + authKeyLength + "-byte authentication key"
                        + (authKeyLength == 4 ? " (GStreamer's way of asking for HMAC_SHA1_32, which is not supported)"
                        : " (HMAC-SHA-1 uses 20)"));
            }
            if (authTagLength >= 0 && authTagLength != 10) {
                throw invalid("SP policy asks for a " + authTagLength + "-byte authentication tag (only 10)");
            }
        }
    }

    private static Policy readPolicy(Reader r) {
        r.need(5, "the SP payload");
        r.lastNext = r.u8();
        Policy p = new Policy();
        p.number = r.u8();
        int protocol = r.u8();
        if (protocol != PROT_SRTP) {
            throw invalid("SP payload is for security protocol " + protocol + " (only SRTP, 0)");
        }
        int length = r.u16();
        r.need(length, "the SP parameters");
        int end = r.position + length;
        while (r.position < end) {
            if (end - r.position < 2) {
                throw invalid("SP parameter cut short");
            }
            int type = r.u8();
            int valueLength = r.u8();
            if (end - r.position < valueLength) {
                throw invalid("SP parameter " + type + " of " + valueLength + " bytes overruns the SP payload");
            }
            long value = 0;
            for (int i = 0; i < valueLength; i++) {
                value = value << 8 | r.u8();
            }
            // Values wider than an int never name anything valid; clamp so they are reported, not wrapped.
            int v = (int) Math.min(value, Integer.MAX_VALUE);
            switch (type) {
                case SP_ENCR_ALG -> p.encryption = v;
                case SP_ENCR_KEY_LENGTH -> p.encryptionKeyLength = v;
                case SP_AUTH_ALG -> p.authentication = v;
                case SP_AUTH_KEY_LENGTH -> p.authKeyLength = v;
                case SP_SALT_LENGTH -> p.saltLength = v;
                case SP_PRF -> p.prf = v;
                case SP_KEY_DERIVATION_RATE -> p.keyDerivationRate = value;
                case SP_SRTP_ENCR -> p.srtpEncryption = v;
                case SP_SRTCP_ENCR -> p.srtcpEncryption = v;
                case SP_SRTP_AUTH -> p.srtpAuthentication = v;
                case SP_AUTH_TAG_LENGTH -> p.authTagLength = v;
                case SP_PREFIX_LENGTH -> p.prefixLength = v;
                case SP_AEAD_TAG_LENGTH -> p.aeadTagLength = v;
                default -> {
                    // The sender's FEC order and future parameters do not change how we protect.
                }
            }
        }
        return p;
    }

    /** The KEMAC payload's single key. */
    private static final class Kemac {
        int keyType;
        byte[] key;
        byte[] salt;
        byte[] spi;

        byte[] keyAndSalt(SrtpSuite suite) {
            if (keyType == KEY_TGK || keyType == KEY_TGK_SALT) {
                throw invalid("KEMAC carries a TEK generation key; a traffic-encrypting key (TEK) is required");
            }
            if (keyType != KEY_TEK && keyType != KEY_TEK_SALT) {
                throw invalid("KEMAC key type " + keyType + " is unknown");
            }
            if (salt == null) {
                if (key.length != suite.keyMaterialLength()) {
                    throw invalid("KEMAC key is " + key.length + " bytes; " + suite + " needs "
                            + suite.keyMaterialLength() + " (" + suite.masterKeyLength() + "-byte key and "
                            + suite.masterSaltLength() + "-byte salt)");
                }
                return key.clone();
            }
            if (key.length != suite.masterKeyLength() || salt.length != suite.masterSaltLength()) {
                throw invalid("KEMAC key and salt are " + key.length + " and " + salt.length + " bytes; " + suite
                        + " needs " + suite.masterKeyLength() + " and " + suite.masterSaltLength());
            }
            byte[] both = java.util.Arrays.copyOf(key, key.length + salt.length);
            System.arraycopy(salt, 0, both, key.length, salt.length);
            return both;
        }
    }

    private static Kemac readKemac(Reader r) {
        r.need(4, "the KEMAC payload");
        int kemacNext = r.u8();
        int encryption = r.u8();
        if (encryption != KEMAC_ENCR_NULL) {
            throw invalid("KEMAC is encrypted (algorithm " + encryption
                    + "); only NULL encryption, over TLS, is supported");
        }
        int length = r.u16();
        r.need(length, "the KEMAC key data");
        int end = r.position + length;
        Kemac kemac = null;
        int keys = 0;
        int next = PT_KEY_DATA;
        while (r.position < end) {
            if (next != PT_KEY_DATA) {
                throw invalid("KEMAC holds sub-payload type " + next + " where key data (20) was expected");
            }
            Kemac k = readKeyData(r, end);
            next = r.lastNext;
            keys++;
            if (kemac == null) {
                kemac = k;
            }
        }
        if (keys != 1) {
            throw invalid("KEMAC carries " + keys + " keys; exactly one is required");
        }
        if (next != PT_LAST) {
            throw invalid("KEMAC key data ends while its last sub-payload announces another");
        }
        r.need(1, "the KEMAC MAC algorithm");
        int mac = r.u8();
        if (mac == KEMAC_MAC_HMAC_SHA1_160) {
            // A MAC keyed with a pre-shared key we do not have; TLS already protects the message.
            r.need(KEMAC_MAC_HMAC_SHA1_160_LENGTH, "the KEMAC MAC");
            r.skip(KEMAC_MAC_HMAC_SHA1_160_LENGTH);
        } else if (mac != KEMAC_MAC_NULL) {
            throw invalid("KEMAC MAC algorithm " + mac + " is unknown");
        }
        r.lastNext = kemacNext;
        return kemac;
    }

    private static Kemac readKeyData(Reader r, int end) {
        if (end - r.position < 4) {
            throw invalid("truncated in a KEMAC key data sub-payload");
        }
        r.lastNext = r.u8();
        int typeAndValidity = r.u8();
        Kemac k = new Kemac();
        k.keyType = typeAndValidity >>> 4;
        int validity = typeAndValidity & 0x0F;
        int keyLength = r.u16();
        if (end - r.position < keyLength) {
            throw invalid("KEMAC key of " + keyLength + " bytes overruns the KEMAC payload");
        }
        k.key = r.bytes(keyLength);
        if (k.keyType == KEY_TEK_SALT || k.keyType == KEY_TGK_SALT) {
            if (end - r.position < 2) {
                throw invalid("truncated in the salt of a KEMAC key");
            }
            int saltLength = r.u16();
            if (end - r.position < saltLength) {
                throw invalid("KEMAC salt of " + saltLength + " bytes overruns the KEMAC payload");
            }
            k.salt = r.bytes(saltLength);
        }
        switch (validity) {
            case KV_NULL -> k.spi = new byte[0];
            case KV_SPI -> {
                if (end - r.position < 1) {
                    throw invalid("truncated in the SPI of a KEMAC key");
                }
                int spiLength = r.u8();
                if (end - r.position < spiLength) {
                    throw invalid("KEMAC SPI of " + spiLength + " bytes overruns the KEMAC payload");
                }
                if (spiLength > SrtpKeyMaterial.MAX_MKI_LENGTH) {
                    throw invalid("KEMAC SPI (MKI) of " + spiLength + " bytes is longer than the "
                            + SrtpKeyMaterial.MAX_MKI_LENGTH + " supported");
                }
                k.spi = r.bytes(spiLength);
            }
            case KV_INTERVAL -> {
                // A validity interval in packet indexes; the key is used from the start anyway.
                for (int part = 0; part < 2; part++) {
                    if (end - r.position < 1) {
                        throw invalid("truncated in the validity interval of a KEMAC key");
                    }
                    int n = r.u8();
                    if (end - r.position < n) {
                        throw invalid("KEMAC validity interval overruns the KEMAC payload");
                    }
                    r.skip(n);
                }
                k.spi = new byte[0];
            }
            default -> throw invalid("KEMAC key validity type " + validity + " is unknown");
        }
        return k;
    }

    private static MalformedDataException invalid(String what) {
        return new MalformedDataException(ERROR_PREFIX + what);
    }

    /** Big-endian reads with bounds checks that name the part that was cut short. */
    private static final class Reader {
        private final byte[] data;
        int position;
        /** The next-payload field of the payload just read. */
        int lastNext;

        Reader(byte[] data) {
            this.data = data;
        }

        void need(int n, String what) {
            if (data.length - position < n) {
                throw invalid("truncated in " + what + " (" + n + " bytes needed, " + (data.length - position)
                        + " left of " + data.length + ")");
            }
        }

        int remaining() {
            return data.length - position;
        }

        int u8() {
            return data[position++] & 0xFF;
        }

        int u16() {
            return u8() << 8 | u8();
        }

        long u32() {
            return (long) u16() << 16 | u16();
        }

        long u64() {
            return u32() << 32 | u32();
        }

        void skip(int n) {
            position += n;
        }

        byte[] bytes(int n) {
            byte[] b = java.util.Arrays.copyOfRange(data, position, position + n);
            position += n;
            return b;
        }
    }
}
