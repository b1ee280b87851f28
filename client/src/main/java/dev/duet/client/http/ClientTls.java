package dev.duet.client.http;

import static dev.duet.client.ClientOptions.CACERT;
import static dev.duet.client.ClientOptions.CERT;
import static dev.duet.client.ClientOptions.INSECURE;
import static dev.duet.client.ClientOptions.KEY;

import dev.duet.client.Failure;
import dev.duet.common.Arguments;
import dev.duet.common.Pem;
import dev.duet.common.UsageException;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Whom the client trusts and what it presents, as curl's flags say: the JDK's trusted CAs by
 * default, the certificates of a PEM file with {@code --cacert}, anyone with {@code -k}, and a
 * client certificate with {@code --cert} and {@code --key} for mutual TLS.
 *
 * @param cacert   trust only what this PEM file holds
 * @param insecure trust any certificate, for any host name
 */
public record ClientTls(Optional<Path> cacert, boolean insecure, Optional<Path> cert, Optional<Path> key) {
    public static final ClientTls DEFAULT = new ClientTls(Optional.empty(), false, Optional.empty(), Optional.empty());

    private static final char[] STORE_PASSWORD = "duet".toCharArray();

    public static ClientTls from(Arguments a) {
        ClientTls tls = new ClientTls(a.get(CACERT), a.get(INSECURE), a.get(CERT), a.get(KEY));
        if (tls.cert.isPresent() != tls.key.isPresent()) {
            throw new UsageException("--cert and --key go together: the certificate and its private key");
        }
        return tls;
    }

    /**
     * Sets up {@code builder}'s TLS as configured: the JDK's trusted CAs unless told otherwise, and
     * without --cert, {@code missing} to notice a server that asks for a client certificate.
     */
    void apply(OkHttpClient.Builder builder, MissingClientCertificate missing) throws Failure {
        X509TrustManager trust = trust();
        builder.sslSocketFactory(sockets(trust, missing), trust);
        if (insecure) {
            builder.hostnameVerifier((host, session) -> true);
        }
    }

    /** TLS sockets as configured, for a transport that makes its own (gRPC's): -k's host check is the caller's. */
    public SSLSocketFactory socketFactory(MissingClientCertificate missing) throws Failure {
        return sockets(trust(), missing);
    }

    /**
     * TLS over a connected socket, for {@code duet-client tcp --tls}: the server name sent (SNI)
     * and checked against its certificate is {@code host}, unless -k says to check nothing.
     */
    public SSLSocket layer(Socket plain, String host, MissingClientCertificate missing) throws Failure, IOException {
        SSLSocket socket = (SSLSocket) sockets(trust(), missing).createSocket(plain, host, plain.getPort(), true);
        if (!insecure) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // what OkHttp's verifier checks too
            socket.setSSLParameters(parameters);
        }
        return socket;
    }

    private X509TrustManager trust() throws Failure {
        return insecure ? new TrustingEveryone() : trustManager();
    }

    /** TLS sockets that name their host (SNI) whatever the name, as curl's do. */
    private SSLSocketFactory sockets(X509TrustManager trust, MissingClientCertificate missing) throws Failure {
        return new ServerNameIndication(context(trust, missing).getSocketFactory());
    }

    private SSLContext context(X509TrustManager trust, MissingClientCertificate missing) throws Failure {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager[] keys = cert.isPresent() ? keyManagers() : new KeyManager[] {missing};
            context.init(keys, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.Kind.TLS_HANDSHAKE, "cannot set up TLS: " + e.getMessage());
        }
    }

    private X509TrustManager trustManager() throws Failure {
        try {
            KeyStore store = null;
            if (cacert.isPresent()) {
                store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                List<X509Certificate> trusted = Pem.certificates(cacert.get());
                for (int i = 0; i < trusted.size(); i++) {
                    store.setCertificateEntry("trusted-" + i, trusted.get(i));
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store); // null: the JDK's own
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (IOException | GeneralSecurityException e) {
            throw new Failure(Failure.Kind.CA_CERTIFICATE, "--cacert: " + e.getMessage());
        }
    }

    private KeyManager[] keyManagers() throws Failure {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(
                    "client",
                    Pem.privateKey(key.orElseThrow()),
                    STORE_PASSWORD,
                    Pem.certificates(cert.get()).toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, STORE_PASSWORD);
            return factory.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new Failure(Failure.Kind.CLIENT_CERTIFICATE, "--cert/--key: " + e.getMessage());
        }
    }

    /** {@code -k}: every certificate is taken, as curl's --insecure does. */
    private static final class TrustingEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a client's trust manager is never asked about clients
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // trusted, whatever it is: that is what -k asks for
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
