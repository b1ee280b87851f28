import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The ceiling under Duet's echo: Jetty with one non-blocking handler that answers with the request
 * target, and nothing else (no metrics, log, inspector, limits or WebSocket upgrade). bench/run.sh
 * runs it from Duet's own jar, so it is the same Jetty, to show which part of the gap to nginx is
 * the framework's. Run: java -cp server/target/duet-server.jar bench/jetty/BareJetty.java PORT
 */
public class BareJetty {
    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                byte[] target = request.getHttpURI().getPathQuery().getBytes(StandardCharsets.UTF_8);
                response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
                response.getHeaders().put("Content-Length", target.length);
                response.write(true, ByteBuffer.wrap(target), callback);
                return true;
            }
        });
        server.start();
        server.join();
    }
}
