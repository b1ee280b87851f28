package dev.duet.server.tls;

import dev.duet.common.Pem;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A client's side of TLS in tests: trusting one PEM certificate (or CA), and maybe presenting one. */
public final class ClientTls {
    private ClientTls() {}

    /** Trusts what {@code trusted} (PEM) holds, and nothing else. */
    public static SSLContext trusting(Path trusted) throws Exception {
        return context(trusted, null, null);
    }

    /** Trusts {@code trusted} and presents {@code cert} with {@code key} when the server asks. */
    public static SSLContext presenting(Path trusted, Path cert, Path key) throws Exception {
        return context(trusted, cert, key);
    }

    private static SSLContext context(Path trusted, Path cert, Path key) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        List<X509Certificate> certificates = Pem.certificates(trusted);
        for (int i = 0; i < certificates.size(); i++) {
            trust.setCertificateEntry("trusted-" + i, certificates.get(i));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = null;
        if (cert != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = "test".toCharArray();
            keys.setKeyEntry(
                    "client",
                    Pem.privateKey(key),
                    password,
                    Pem.certificates(cert).toArray(X509Certificate[]::new));
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
