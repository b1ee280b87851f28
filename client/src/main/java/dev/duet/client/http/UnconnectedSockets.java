package dev.duet.client.http;

import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * A socket factory for OkHttp, which asks only for unconnected sockets ({@link #createSocket()})
 * and connects them itself: the factories that wrap its sockets implement that one method.
 */
public abstract class UnconnectedSockets extends SocketFactory {
    @Override
    public abstract Socket createSocket();

    // never called by OkHttp
    @Override
    public final Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public final Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException();
    }

    @Override
    public final Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public final Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException();
    }
}
