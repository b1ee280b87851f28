package dev.duet.server.tls;

import dev.duet.common.Der;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --tls self-signed}: a fresh P-256 key pair and an X.509 v3 certificate for it, made at
 * start and signed by itself, valid for the names a client may dial: localhost, the hostname, and
 * every local address. A client trusts it by pinning it (--write-cert, curl --cacert).
 */
final class SelfSignedCertificate {
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private SelfSignedCertificate() {}

    /** The key and its certificate, for {@code names} (DNS names) and {@code addresses} (IP literals). */
    static TlsIdentity create(String commonName, List<String> names, List<InetAddress> addresses)
            throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair keys = generator.generateKeyPair();
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
        ZonedDateTime now = ZonedDateTime.now();
        byte[] tbs = Der.sequence(
                Der.tagged(0, true, Der.integer(BigInteger.TWO)), // v3
                Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                algorithm,
                name,
                Der.sequence(Der.time(now.minusHours(1)), Der.time(now.plusYears(1))),
                name,
                keys.getPublic().getEncoded(), // already a SubjectPublicKeyInfo
                Der.tagged(
                        3,
                        true,
                        Der.sequence(
                                extension(BASIC_CONSTRAINTS, true, Der.sequence()),
                                // digitalSignature
                                extension(KEY_USAGE, true, Der.tlv(0x03, new byte[] {7, (byte) 0x80})),
                                extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))),
                                extension(SUBJECT_ALT_NAME, false, subjectAltNames(names, addresses)))));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
        X509Certificate parsed = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificate));
        parsed.verify(keys.getPublic());
        return new TlsIdentity(keys.getPrivate(), List.of(parsed));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** GeneralNames: dNSName is [2], iPAddress is [7], both IMPLICIT. */
    private static byte[] subjectAltNames(List<String> names, List<InetAddress> addresses) {
        List<byte[]> entries = new ArrayList<>();
        for (String dns : names) {
            entries.add(Der.tagged(2, false, dns.getBytes(StandardCharsets.US_ASCII)));
        }
        for (InetAddress address : addresses) {
            entries.add(Der.tagged(7, false, address.getAddress()));
        }
        return Der.sequence(entries.toArray(byte[][]::new));
    }
}
