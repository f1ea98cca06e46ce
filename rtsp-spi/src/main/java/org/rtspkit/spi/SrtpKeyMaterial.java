package org.rtspkit.spi;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.rtspkit.api.SrtpSuite;

/**
 * An SRTP master key and master salt for one suite, and the master key identifier (MKI) that tags
 * every packet protected with them, if any.
 *
 * <p>The arrays are copied in and out, so a value never changes after construction. {@link #toString()}
 * does not show the key or the salt.
 *
 * @param suite      the crypto suite the lengths are checked against
 * @param masterKey  {@link SrtpSuite#masterKeyLength()} bytes
 * @param masterSalt {@link SrtpSuite#masterSaltLength()} bytes
 * @param mki        the MKI (MIKEY's SPI), 0 to {@value #MAX_MKI_LENGTH} bytes; empty when packets carry none
 */
public record SrtpKeyMaterial(SrtpSuite suite, byte[] masterKey, byte[] masterSalt, byte[] mki) {

    /** The longest MKI accepted. RFC 3711 leaves the length to signalling; cameras use 1 to 4 bytes. */
    public static final int MAX_MKI_LENGTH = 16;

    private static final byte[] NO_MKI = new byte[0];

    // One generator for the process: SecureRandom is thread-safe and seeding it again per key buys nothing.
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Checks the key and salt lengths against the suite and the MKI's length, and copies the arrays.
     *
     * @param suite the crypto suite the lengths are checked against
     * @param masterKey {@link SrtpSuite#masterKeyLength()} bytes
     * @param masterSalt {@link SrtpSuite#masterSaltLength()} bytes
     * @param mki the MKI (MIKEY's SPI), 0 to {@value #MAX_MKI_LENGTH} bytes; empty when packets carry none
     * @throws IllegalArgumentException when a length does not match the suite or the MKI is too long
     */
    public SrtpKeyMaterial {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(masterKey, "masterKey");
        Objects.requireNonNull(masterSalt, "masterSalt");
        if (masterKey.length != suite.masterKeyLength()) {
            throw new IllegalArgumentException(suite + " needs a " + suite.masterKeyLength() + "-byte master key, got "
                    + masterKey.length + " bytes");
        }
        if (masterSalt.length != suite.masterSaltLength()) {
            throw new IllegalArgumentException(suite + " needs a " + suite.masterSaltLength() + "-byte master salt, got "
                    + masterSalt.length + " bytes");
        }
        if (mki == null) {
            mki = NO_MKI;
        }
        if (mki.length > MAX_MKI_LENGTH) {
            throw new IllegalArgumentException("MKI of " + mki.length + " bytes is longer than the " + MAX_MKI_LENGTH
                    + " supported");
        }
        masterKey = masterKey.clone();
        masterSalt = masterSalt.clone();
        mki = mki.length == 0 ? NO_MKI : mki.clone();
    }

    /**
     * Key material without MKI.
     *
     * @param suite the protection profile
     * @param masterKey {@link SrtpSuite#masterKeyLength()} bytes; copied
     * @param masterSalt {@link SrtpSuite#masterSaltLength()} bytes; copied
     */
    public SrtpKeyMaterial(SrtpSuite suite, byte[] masterKey, byte[] masterSalt) {
        this(suite, masterKey, masterSalt, NO_MKI);
    }

    /**
     * Splits the form MIKEY and SDES carry: master key followed by master salt.
     *
     * @param suite the protection profile
     * @param keyAndSalt the master key followed by the master salt
     * @param mki the master key identifier; empty for none
     * @return the key material
     * @throws IllegalArgumentException when {@code keyAndSalt} is not {@link SrtpSuite#keyMaterialLength()} bytes
     */
    public static SrtpKeyMaterial fromConcatenated(SrtpSuite suite, byte[] keyAndSalt, byte[] mki) {
        Objects.requireNonNull(suite, "suite");
        if (keyAndSalt.length != suite.keyMaterialLength()) {
            throw new IllegalArgumentException(suite + " needs " + suite.keyMaterialLength() + " bytes of key and salt ("
                    + suite.masterKeyLength() + " + " + suite.masterSaltLength() + "), got " + keyAndSalt.length);
        }
        int k = suite.masterKeyLength();
        return new SrtpKeyMaterial(suite, Arrays.copyOfRange(keyAndSalt, 0, k),
                Arrays.copyOfRange(keyAndSalt, k, keyAndSalt.length), mki);
    }

    /**
     * Fresh random key and salt from a {@link SecureRandom}, without MKI.
     *
     * @param suite the protection profile
     * @return new key material
     */
    public static SrtpKeyMaterial generate(SrtpSuite suite) {
        byte[] keyAndSalt = new byte[suite.keyMaterialLength()];
        RANDOM.nextBytes(keyAndSalt);
        SrtpKeyMaterial generated = fromConcatenated(suite, keyAndSalt, NO_MKI);
        Arrays.fill(keyAndSalt, (byte) 0);
        return generated;
    }

    /**
     * The same key and salt tagged with another MKI (empty for none).
     *
     * @param newMki the master key identifier, at most 16 bytes; empty for none
     * @return new key material
     */
    public SrtpKeyMaterial withMki(byte[] newMki) {
        return new SrtpKeyMaterial(suite, masterKey, masterSalt, newMki);
    }

    /**
     * Master key followed by master salt, as MIKEY's KEMAC carries it.
     *
     * @return a new array of {@link SrtpSuite#keyMaterialLength()} bytes
     */
    public byte[] concatenated() {
        byte[] out = Arrays.copyOf(masterKey, masterKey.length + masterSalt.length);
        System.arraycopy(masterSalt, 0, out, masterKey.length, masterSalt.length);
        return out;
    }

    /**
     * True when packets carry an MKI.
     *
     * @return true when the MKI is not empty
     */
    public boolean hasMki() {
        return mki.length > 0;
    }

    /**
     * The master key.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] masterKey() {
        return masterKey.clone();
    }

    /**
     * The master salt.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] masterSalt() {
        return masterSalt.clone();
    }

    /**
     * The master key identifier.
     *
     * @return a copy of the bytes; empty when there is none
     */
    @Override
    public byte[] mki() {
        return mki.length == 0 ? NO_MKI : mki.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpKeyMaterial other && suite == other.suite
                && Arrays.equals(masterKey, other.masterKey)
                && Arrays.equals(masterSalt, other.masterSalt)
                && Arrays.equals(mki, other.mki);
    }

    @Override
    public int hashCode() {
        return Objects.hash(suite, Arrays.hashCode(masterKey), Arrays.hashCode(masterSalt), Arrays.hashCode(mki));
    }

    /** Shows the suite and the MKI, never the key or the salt (this string ends up in logs). */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SrtpKeyMaterial[suite=").append(suite).append(", mki=");
        if (mki.length == 0) {
            s.append("none");
        } else {
            for (byte b : mki) {
                s.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
        }
        return s.append(']').toString();
    }
}
