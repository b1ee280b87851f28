package dev.duet.client.limits;

import dev.duet.client.ConnectFailure;
import dev.duet.client.Failure;
import dev.duet.client.bench.ErrorKinds;
import dev.duet.client.http.HttpClients;
import dev.duet.client.http.RequestSpec;
import dev.duet.client.http.ShownUrl;
import dev.duet.client.limits.WallSearch.Verdict;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * WebSocket messages of a size: a socket of its own for each, one binary message sent, passed when
 * the echo comes back byte for byte. Refused as the close code the server (or a hop) sent, 1009
 * for a message too big; as the status of an upgrade that was not switched; or as how the
 * connection ended.
 */
final class MessageProbe implements WallSearch.Probe {
    private final LimitsConfig config;
    private final OkHttpClient client;

    MessageProbe(LimitsConfig config) throws Failure {
        this.config = config;
        this.client = HttpClients.builder(config.url().isHttps(), false, config.tls(), config.timeout())
                .build();
    }

    @Override
    public Verdict at(long size) throws Failure {
        byte[] message = new byte[Math.toIntExact(size)];
        Arrays.fill(message, (byte) 'a');
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        CountDownLatch ended = new CountDownLatch(1);
        Request upgrade = new RequestSpec(Optional.empty(), config.headers(), Optional.empty())
                .headersForThePath(config.url())
                .build();
        WebSocket socket = client.newWebSocket(upgrade, new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                webSocket.send(ByteString.of(message));
            }

            @Override
            public void onMessage(WebSocket webSocket, ByteString bytes) {
                events.add(bytes);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                events.add(ByteString.encodeUtf8(text));
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                events.add(code);
                webSocket.close(1000, null); // the closing handshake answered, so the connection ends cleanly
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                ended.countDown();
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                events.add(response != null ? (Object) response.code() : t);
                ended.countDown();
            }
        });
        try {
            Object event = events.poll(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                return Verdict.refused(ErrorKinds.TIMEOUT);
            }
            if (event instanceof ByteString echo) {
                socket.close(1000, null);
                return echo.equals(ByteString.of(message)) ? Verdict.PASSED : Verdict.refused("altered");
            }
            if (event instanceof Integer code) {
                // a close frame carries a code of 1000 or more; a failed upgrade, the answer's status
                return Verdict.refused(code >= 1000 ? code.toString() : "not upgraded (" + code + ")");
            }
            Throwable failure = (Throwable) event;
            if (failure instanceof IOException io && ConnectFailure.of(io).isPresent()) {
                throw ConnectFailure.of(io).get().failure(ShownUrl.address(config.url()), config.timeout());
            }
            return Verdict.refused(
                    failure instanceof IOException io
                            ? ErrorKinds.of(io)
                            : failure.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.refused(ErrorKinds.TIMEOUT);
        } finally {
            awaitQuietly(ended);
            socket.cancel(); // what did not end cleanly in time, ended now
        }
    }

    /** Gives a closing handshake a moment: one cut short leaves OkHttp warning of a leaked connection. */
    private void awaitQuietly(CountDownLatch ended) {
        try {
            ended.await(Math.min(2_000, config.timeout().toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets OkHttp's threads go, so the command ends without waiting for them. */
    void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
