package dev.duet.client.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets that name the host they are for (SNI) whatever the name. The JDK sends SNI only for
 * names with a dot, so {@code https://localhost} or a Kubernetes service's short name went out
 * without one, and a server that picks its certificate by SNI (Caddy, an ingress) refused the
 * handshake. curl names every host but an IP address; so does this.
 */
final class ServerNameIndication extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    ServerNameIndication(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return named(delegate.createSocket(socket, host, port, autoClose), host);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return named(delegate.createSocket(host, port), host);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return named(delegate.createSocket(host, port, localHost, localPort), host);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return delegate.createSocket(address, port, localAddress, localPort);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    private static Socket named(Socket socket, String host) {
        if (socket instanceof SSLSocket tls && host != null && !isAddress(host)) {
            SSLParameters parameters = tls.getSSLParameters();
            if (parameters.getServerNames() == null
                    || parameters.getServerNames().isEmpty()) {
                try {
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                    tls.setSSLParameters(parameters);
                } catch (IllegalArgumentException e) {
                    // not a name SNI can carry (an underscore, say): the handshake goes without, as before
                }
            }
        }
        return socket;
    }

    /** An IP literal, which SNI never carries (RFC 6066). */
    private static boolean isAddress(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
