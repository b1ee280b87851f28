package dev.duet.server.http;

import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;

/** Jetty's h2 (HTTP/2 over TLS, chosen by ALPN), its sessions held to RFC 9113 by {@link StrictHttp2Session}. */
final class H2ConnectionFactory extends HTTP2ServerConnectionFactory {
    H2ConnectionFactory(HttpConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        return configure(
                StrictHttp2Session.newConnection(this, newSessionListener(connector, endPoint), connector, endPoint),
                connector,
                endPoint);
    }
}
