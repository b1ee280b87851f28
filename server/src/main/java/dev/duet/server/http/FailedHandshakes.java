package dev.duet.server.http;

import dev.duet.common.LogText;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per refused TLS handshake, naming the client and why (no client certificate, one
 * the CA did not sign, no common protocol): without it an operator sees nothing of a refusal.
 */
final class FailedHandshakes implements SslHandshakeListener {
    private static final Logger LOG = LoggerFactory.getLogger("tls");

    @Override
    public void handshakeFailed(Event event, Throwable failure) {
        SocketAddress remote = event.getEndPoint().getRemoteSocketAddress();
        LOG.info(
                "TLS handshake from {} failed: {}",
                remote instanceof InetSocketAddress inet
                        ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                        : String.valueOf(remote),
                LogText.escape(String.valueOf(failure.getMessage()), 300));
    }
}
