package dev.duet.client.fork;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * A child for {@code duet-client bench fork}: says it is ready, then answers every message with
 * itself; exits when its stdin ends.
 */
public final class EchoChild {
    /** Its first message, once it reads its input: it is started and answers from now on. */
    static final String READY = "ready";

    private EchoChild() {}

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch parentGone = new CountDownLatch(1);
        MessageChannel[] channel = new MessageChannel[1];
        channel[0] = MessageChannel.open(System.in, System.out, new MessageChannel.Listener() {
            @Override
            public void onMessage(JsonNode message) {
                try {
                    channel[0].send(message);
                } catch (IOException e) {
                    parentGone.countDown();
                }
            }

            @Override
            public void onClosed() {
                parentGone.countDown();
            }
        });
        try {
            channel[0].send(READY); // the parent starts its clock after this: a JVM's start is no round trip
        } catch (IOException e) {
            parentGone.countDown();
        }
        parentGone.await();
        System.exit(0);
    }
}
