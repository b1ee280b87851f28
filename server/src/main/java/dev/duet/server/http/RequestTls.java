package dev.duet.server.http;

import java.security.cert.X509Certificate;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Request;

/**
 * The TLS session a request came over, as the JSON echo and the gRPC echo describe it.
 *
 * @param alpn              the protocol ALPN chose ({@code h2}, {@code http/1.1}), null when the client offered none
 * @param sni               the server name the client asked for, null when it sent none (an IP address)
 * @param clientCertificate the subject of the client's certificate, null without mutual TLS
 */
public record RequestTls(String version, String cipher, String alpn, String sni, String clientCertificate) {

    /** The request's TLS session, or null over cleartext. */
    public static RequestTls of(Request request) {
        if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData data)) {
            return null;
        }
        SSLSession session = data.sslSession();
        String sni = null;
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    sni = host.getAsciiName();
                }
            }
        }
        String alpn = null;
        if (request.getConnectionMetaData().getConnection().getEndPoint() instanceof SslConnection.SslEndPoint ssl) {
            String chosen = ssl.getSslConnection().getSSLEngine().getApplicationProtocol();
            alpn = chosen == null || chosen.isEmpty() ? null : chosen;
        }
        X509Certificate[] peer = data.peerCertificates();
        return new RequestTls(
                session.getProtocol(),
                data.cipherSuite(),
                alpn,
                sni,
                peer == null || peer.length == 0
                        ? null
                        : peer[0].getSubjectX500Principal().getName());
    }
}
