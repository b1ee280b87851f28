package dev.duet.client.http;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The key manager of a client with no certificate: it has none to give, and remembers whether a
 * server asked for one. Under TLS 1.3 a server refuses a missing client certificate only after the
 * client's side of the handshake is done, so the client may meet a closed connection while sending
 * its request rather than the alert that says why; this lets it say why anyway.
 */
public final class MissingClientCertificate extends X509ExtendedKeyManager {
    private final AtomicBoolean asked = new AtomicBoolean();

    /** True once a server asked for a client certificate (mutual TLS). */
    public boolean asked() {
        return asked.get();
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        asked.set(true);
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        asked.set(true);
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return null;
    }
}
