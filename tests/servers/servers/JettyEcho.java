// Jetty 9.4 (Debian libjetty9-java + libjetty9-extra-java) native WebSocket API with its
// defaults: a WebSocketHandler (every path; requests that are not upgrades fall through to
// Jetty's 404) whose factory registers this echo endpoint; no subprotocol, no origin check,
// the extensions Jetty enables by default. Jetty's own StdErrLog at its default level (INFO).
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketConnect;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.server.WebSocketHandler;
import org.eclipse.jetty.websocket.servlet.WebSocketServletFactory;

@WebSocket
public class JettyEcho {
    @OnWebSocketConnect
    public void onConnect(Session session) {
        System.err.println("open " + session.getUpgradeRequest().getRequestURI().getRawPath()
                           + " extensions=" + session.getUpgradeResponse().getExtensions());
    }

    @OnWebSocketMessage
    public void onText(Session session, String message) throws IOException {
        session.getRemote().sendString(message);
    }

    @OnWebSocketMessage
    public void onBinary(Session session, byte[] payload, int offset, int length) throws IOException {
        session.getRemote().sendBytes(ByteBuffer.wrap(payload, offset, length));
    }

    @OnWebSocketError
    public void onError(Session session, Throwable cause) {
        System.err.println("error " + cause);
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        server.setHandler(new WebSocketHandler() {
            @Override
            public void configure(WebSocketServletFactory factory) {
                factory.register(JettyEcho.class);
            }
        });
        server.start();
        server.join();
    }
}
