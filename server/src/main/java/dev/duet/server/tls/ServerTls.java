package dev.duet.server.tls;

import static dev.duet.server.ServerOptions.CERT;
import static dev.duet.server.ServerOptions.CLIENT_CA;
import static dev.duet.server.ServerOptions.KEY;

import dev.duet.common.Option;
import dev.duet.common.Pem;
import dev.duet.server.FileProblem;
import dev.duet.server.ServerIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS side of a listener: the key and certificate (read from PEM files or made at start), TLS
 * 1.2 and 1.3 only, AEAD suites only unless asked, and for mutual TLS the client CA to trust with client certificates required.
 * Says what it serves in the log. The HTTP echo takes it as Jetty's {@link SslContextFactory}, the
 * TCP echo as a JDK {@link SSLContext} and the settings to give each socket.
 */
public final class ServerTls {
    /** The versions spoken: older ones are broken, and every current client speaks these. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private static final char[] STORE_PASSWORD = "duet".toCharArray();

    /**
     * JSSE refuses a renegotiation the client starts (TLS 1.2; 1.3 has none) with a fatal
     * handshake_failure alert, a refusal clients and scanners can read; set unless the JVM's
     * command line says otherwise, and read once, before the first server handshake. JSSE never
     * sends the no_renegotiation warning OpenSSL sends: it has no way to.
     */
    private static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    static {
        if (System.getProperty(REJECT_RENEGOTIATION) == null) {
            System.setProperty(REJECT_RENEGOTIATION, "true");
        }
    }

    private final SSLContext context;
    private final boolean clientCertificateRequired;
    private final String[] cipherSuites;

    private ServerTls(SSLContext context, boolean clientCertificateRequired, String[] cipherSuites) {
        this.context = context;
        this.clientCertificateRequired = clientCertificateRequired;
        this.cipherSuites = cipherSuites;
    }

    /**
     * Reads or makes the key and certificate, writes the certificate when asked, and logs what is
     * served; a file that cannot be used is a {@link FileProblem} naming it.
     */
    public static ServerTls load(TlsConfig config, ServerIdentity identity)
            throws IOException, GeneralSecurityException {
        Logger log = LoggerFactory.getLogger("duet-server");
        TlsIdentity tls = config.mode() == TlsConfig.Mode.SELF_SIGNED
                ? selfSigned(identity)
                : fromFiles(config.cert().orElseThrow(), config.key().orElseThrow());
        X509Certificate leaf = tls.leaf();
        log.info(
                "TLS: {} certificate for {}; SHA-256 fingerprint {}",
                config.mode() == TlsConfig.Mode.SELF_SIGNED ? "a self-signed" : "the",
                leaf.getSubjectX500Principal().getName(),
                tls.fingerprint());
        if (config.writeCert().isPresent()) {
            CertificateFile.write(config.writeCert().get(), tls, config.writeCertForce(), log);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("duet", tls.key(), STORE_PASSWORD, tls.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, STORE_PASSWORD);
        TrustManager[] trust = null;
        if (config.clientCa().isPresent()) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            List<X509Certificate> cas = read(CLIENT_CA, config.clientCa().get(), Pem::certificates);
            for (int i = 0; i < cas.size(); i++) {
                trusted.setCertificateEntry("client-ca-" + i, cas.get(i));
            }
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            trust = trustManagers.getTrustManagers();
            log.info(
                    "TLS: clients must present a certificate signed by {}",
                    config.clientCa().get());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust, null);
        return new ServerTls(context, config.clientCa().isPresent(), cipherSuites(context, config.legacyCiphers()));
    }

    /**
     * The JDK's default suites, less TLS 1.2's CBC ones (LUCKY13 and kin) unless {@code legacy}:
     * what is left is TLS 1.3's, TLS 1.2's AEAD ones (GCM, ChaCha20-Poly1305), and the signal of
     * secure renegotiation.
     */
    private static String[] cipherSuites(SSLContext context, boolean legacy) {
        String[] defaults = context.getDefaultSSLParameters().getCipherSuites();
        return legacy
                ? defaults
                : Arrays.stream(defaults)
                        .filter(s -> s.contains("_GCM_") || s.contains("_CHACHA20_") || s.endsWith("_SCSV"))
                        .toArray(String[]::new);
    }

    /** For Jetty's connector: ciphers HTTP/2 accepts first, and one certificate whatever name is asked. */
    public SslContextFactory.Server jetty() {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(context);
        factory.setIncludeProtocols(PROTOCOLS);
        factory.setIncludeCipherSuites(cipherSuites); // names, and so patterns that match only themselves
        factory.setCipherComparator(HTTP2Cipher.COMPARATOR);
        // a renegotiation reaches JSSE, to be refused there, only when JSSE will refuse it
        factory.setRenegotiationAllowed(Boolean.getBoolean(REJECT_RENEGOTIATION));
        factory.setSniRequired(false);
        factory.setNeedClientAuth(clientCertificateRequired);
        return factory;
    }

    /** The server side of TLS over an accepted socket, set as this server speaks it. */
    public SSLSocket wrap(Socket accepted) throws IOException {
        SSLSocket socket =
                (SSLSocket) context.getSocketFactory().createSocket(accepted, null, accepted.getPort(), true);
        socket.setUseClientMode(false);
        socket.setEnabledProtocols(PROTOCOLS);
        socket.setEnabledCipherSuites(cipherSuites);
        socket.setNeedClientAuth(clientCertificateRequired);
        return socket;
    }

    /**
     * The key and certificate chain in these files; a file that cannot be read, or a key that is
     * not the certificate's, is a {@link FileProblem} naming them: a server that took them would
     * listen, and even say it is ready, yet fail every handshake.
     */
    private static TlsIdentity fromFiles(Path cert, Path key) {
        TlsIdentity tls = new TlsIdentity(read(KEY, key, Pem::privateKey), read(CERT, cert, Pem::certificates));
        if (!tls.keyMatchesLeaf()) {
            throw new FileProblem(KEY.flag() + " " + key + " is not the private key of the certificate in "
                    + CERT.flag() + " " + cert);
        }
        return tls;
    }

    /** How a PEM file is read. */
    private interface Reader<T> {
        T read(Path file) throws IOException;
    }

    /** What {@code file} holds, or a {@link FileProblem} naming the option it was given with. */
    private static <T> T read(Option<?> option, Path file, Reader<T> reader) {
        try {
            return reader.read(file);
        } catch (IOException e) {
            throw new FileProblem(option.flag() + " " + e.getMessage()); // the message starts with the file
        }
    }

    /**
     * A certificate for "localhost", the hostname, and the host's addresses: the same list the
     * JSON echo shows as {@code server.addresses} ({@link ServerIdentity}), so a client may reach
     * the server by any address it reports.
     */
    private static TlsIdentity selfSigned(ServerIdentity identity) throws GeneralSecurityException {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", identity.hostname()));
        List<InetAddress> addresses = new ArrayList<>();
        for (String address : identity.addresses()) {
            try {
                addresses.add(InetAddress.getByName(address)); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalStateException("not an address literal: " + address, e);
            }
        }
        if (addresses.isEmpty()) {
            addresses.add(InetAddress.getLoopbackAddress());
        }
        return SelfSignedCertificate.create(identity.hostname(), List.copyOf(names), addresses);
    }
}
