package dev.duet.server.grpc;

import dev.duet.grpc.v1.Metadata;
import dev.duet.grpc.v1.Peer;
import dev.duet.grpc.v1.Received;
import dev.duet.grpc.v1.Server;
import dev.duet.grpc.v1.Tls;
import dev.duet.server.ServerIdentity;
import dev.duet.server.http.RequestTls;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;

/** What reached the server for one call, as {@code duet.v1.Echo} answers it: the JSON echo's facts. */
final class ReceivedCall {
    private ReceivedCall() {}

    static Received of(Request request, String fullMethod, ServerIdentity identity) {
        Received.Builder received = Received.newBuilder()
                .setMethod("/" + fullMethod)
                .setProtocol(request.getConnectionMetaData().getProtocol());
        String authority = request.getHttpURI().getAuthority();
        if (authority != null) {
            received.setAuthority(authority);
        }
        // every header as it came, in order: HTTP/2 keeps the pseudo-headers out of the fields
        for (HttpField field : request.getHeaders()) {
            received.addMetadata(Metadata.newBuilder().setName(field.getName()).setValue(orEmpty(field.getValue())));
        }
        received.setClient(
                Peer.newBuilder().setAddress(Request.getRemoteAddr(request)).setPort(Request.getRemotePort(request)));
        RequestTls tls = RequestTls.of(request);
        if (tls != null) {
            received.setTls(Tls.newBuilder()
                    .setVersion(orEmpty(tls.version()))
                    .setCipher(orEmpty(tls.cipher()))
                    .setAlpn(orEmpty(tls.alpn()))
                    .setSni(orEmpty(tls.sni()))
                    .setClientCertificate(orEmpty(tls.clientCertificate())));
        }
        received.setServer(Server.newBuilder()
                .setName(identity.name())
                .setHostname(identity.hostname())
                .addAllAddresses(identity.addresses())
                .setAddress(Request.getLocalAddr(request))
                .setPort(Request.getLocalPort(request)));
        return received.build();
    }

    /** Protobuf strings have no null: proto3's empty string is "not there". */
    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
