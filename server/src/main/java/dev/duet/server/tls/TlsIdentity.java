package dev.duet.server.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** A private key and the certificate chain for it, leaf first: what a TLS server presents. */
record TlsIdentity(PrivateKey key, List<X509Certificate> chain) {

    X509Certificate leaf() {
        return chain.get(0);
    }

    /** The leaf's SHA-256 fingerprint as openssl prints it: {@code AB:CD:...}. */
    String fingerprint() {
        try {
            return HexFormat.ofDelimiter(":")
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(leaf().getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The leaf in PEM, for a client to trust (--write-cert, curl --cacert). */
    String leafPem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(leaf().getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
