package dev.duet.server.http;

import org.eclipse.jetty.http2.SessionContainer;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;

/**
 * Jetty's h2c, its sessions held to RFC 9113 by {@link StrictHttp2Session}, with one more fix. A connection upgraded by "Upgrade: h2c" announces itself open only
 * after it has answered the upgraded request, so a client that closes at once (curl does) is closed
 * before it is opened: Jetty's session container then adds the session after removing it, and keeps
 * it for good — memory lost per such client, and a stop that waits out its whole timeout for a
 * session that will never end. Seen with Jetty 12.1.12; this removes the session again when a
 * connection is announced open after its socket has closed.
 */
final class H2cConnectionFactory extends HTTP2CServerConnectionFactory {
    H2cConnectionFactory(HttpConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        Connection connection = configure(
                StrictHttp2Session.newConnection(this, newSessionListener(connector, endPoint), connector, endPoint),
                connector,
                endPoint);
        SessionContainer sessions = getBean(SessionContainer.class);
        // added after the container's own listener, so it runs after the container has added the session
        connection.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection opened) {
                if (!opened.getEndPoint().isOpen()) {
                    sessions.onClosed(opened);
                }
            }
        });
        return connection;
    }
}
