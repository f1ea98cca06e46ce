package org.rtspkit.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The RTSPS identity of the ready-to-use server: a certificate and key from PEM files, or a self-signed
 * certificate made at start. The JDK reads PEM certificates and PKCS#8 keys; the PKCS#1 ({@code RSA
 * PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}) forms that OpenSSL writes, and the building of a
 * certificate, need bcprov's ASN.1 classes. Keys are generated and certificates signed with the JDK.
 */
public final class TlsCredentials {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
    private static final char[] STORE_PASSWORD = "rtspkit".toCharArray();

    private final SSLContext context;
    private final X509Certificate certificate;

    private TlsCredentials(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("rtspkit", key, STORE_PASSWORD, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, STORE_PASSWORD);
        this.context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        this.certificate = chain.get(0);
    }

    public SSLContext context() {
        return context;
    }

    /** SHA-256 of the certificate, as clients that pin certificates show it. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Reads a certificate chain and its private key (PKCS#8, PKCS#1 or SEC1). */
    public static TlsCredentials fromPem(Path certificateFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (Block b : blocks(Files.readString(certificateFile, StandardCharsets.US_ASCII))) {
            if (b.type().equals("CERTIFICATE")) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        }
        if (chain.isEmpty()) {
            throw new IOException(certificateFile + " holds no PEM CERTIFICATE block");
        }
        PrivateKey key = null;
        for (Block b : blocks(Files.readString(keyFile, StandardCharsets.US_ASCII))) {
            key = switch (b.type()) {
                case "PRIVATE KEY" -> pkcs8(chain.get(0).getPublicKey().getAlgorithm(), b.der());
                case "RSA PRIVATE KEY" -> pkcs8("RSA", new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        ASN1Primitive.fromByteArray(b.der())).getEncoded());
                case "EC PRIVATE KEY" -> {
                    ECPrivateKey sec1 = ECPrivateKey.getInstance(b.der());
                    if (sec1.getParametersObject() == null) {
                        throw new IOException(keyFile + ": the EC key does not name its curve");
                    }
                    yield pkcs8("EC", new PrivateKeyInfo(
                            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, sec1.getParametersObject()),
                            sec1).getEncoded());
                }
                default -> key;
            };
            if (key != null) {
                break;
            }
        }
        if (key == null) {
            throw new IOException(keyFile + " holds no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block"
                    + " (encrypted keys are not supported)");
        }
        return new TlsCredentials(key, chain);
    }

    /** A fresh P-256 key and a self-signed certificate for {@code localhost} and 127.0.0.1, valid for a year. */
    public static TlsCredentials selfSigned() throws GeneralSecurityException, IOException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = kpg.generateKeyPair();
        X500Name name = new X500Name("CN=localhost, O=rtspkit");
        Instant now = Instant.now();
        AlgorithmIdentifier ecdsaSha256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(64, new SecureRandom()).add(BigInteger.ONE)));
        tbs.setIssuer(name);
        tbs.setSubject(name);
        tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofMinutes(5)))));
        tbs.setEndDate(new Time(Date.from(now.plus(Duration.ofDays(365)))));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
        tbs.setSignature(ecdsaSha256);
        GeneralNames altNames = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
        tbs.setExtensions(new Extensions(new Extension(Extension.subjectAlternativeName, false, altNames.getEncoded())));
        TBSCertificate unsigned = tbs.generateTBSCertificate();

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(unsigned.getEncoded());
        ASN1EncodableVector certificate = new ASN1EncodableVector();
        certificate.add(unsigned);
        certificate.add(ecdsaSha256);
        certificate.add(new DERBitString(signer.sign()));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(new DERSequence(certificate).getEncoded()));
        cert.verify(pair.getPublic());
        return new TlsCredentials(pair.getPrivate(), List.of(cert));
    }

    private static PrivateKey pkcs8(String algorithm, byte[] der) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(String pem) {
        List<Block> out = new ArrayList<>();
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
        }
        return out;
    }
}
