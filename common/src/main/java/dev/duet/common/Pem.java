package dev.duet.common;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys in PEM files, as openssl and certificate authorities write them.
 * Keys may be PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC or Ed25519) or PKCS#1 RSA ({@code BEGIN
 * RSA PRIVATE KEY}); anything else is refused with the openssl command that converts it.
 */
public final class Pem {
    /** A block, with its headers if any (RFC 1421's, as openssl writes an encrypted traditional key). */
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** AlgorithmIdentifier { rsaEncryption, NULL }, to wrap a PKCS#1 key as PKCS#8. */
    private static final byte[] RSA_ALGORITHM = Der.sequence(Der.oid("1.2.840.113549.1.1.1"), new byte[] {5, 0});

    private Pem() {}

    /** Every certificate in the file, in order: a chain starts with its leaf. */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        byte[] bytes = read(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN ") && !text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IOException(file + " holds no certificate (BEGIN CERTIFICATE)"); // a key, say
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (CertificateException e) {
            throw new IOException(file + " holds no readable PEM certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException(file + " holds no certificate (BEGIN CERTIFICATE)");
        }
        return certificates;
    }

    public static PrivateKey privateKey(Path file) throws IOException {
        Matcher block = BLOCK.matcher(new String(read(file), StandardCharsets.ISO_8859_1));
        while (block.find()) {
            String kind = block.group(1);
            // a traditional key encrypted by openssl: "Proc-Type: 4,ENCRYPTED" and "DEK-Info" headers
            boolean encrypted = block.group(2).contains("Proc-Type: 4,ENCRYPTED");
            if (encrypted && kind.endsWith("PRIVATE KEY")) {
                throw convertIt(file, "an encrypted " + kind);
            }
            switch (kind) {
                case "PRIVATE KEY" -> {
                    return pkcs8(file, Base64.getMimeDecoder().decode(block.group(2)));
                }
                case "RSA PRIVATE KEY" -> {
                    byte[] der = Base64.getMimeDecoder().decode(block.group(2));
                    return pkcs8(file, Der.sequence(Der.integer(BigInteger.ZERO), RSA_ALGORITHM, Der.octetString(der)));
                }
                case "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" -> throw convertIt(file, "an " + kind);
                default -> {
                    // a certificate or parameters before the key: read on
                }
            }
        }
        throw new IOException(file + " holds no PEM private key (BEGIN PRIVATE KEY)");
    }

    /** A key of a form this reader leaves to openssl: the command that makes it PKCS#8. */
    private static IOException convertIt(Path file, String holds) {
        return new IOException(
                file + " holds " + holds + "; convert it: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
    }

    /** The file's bytes, or an error that names the file and says what is wrong in words. */
    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IOException(file + ": permission denied");
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    private static PrivateKey pkcs8(Path file, byte[] der) throws IOException {
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IOException(file + " holds a private key of a kind this JVM cannot read");
    }
}
