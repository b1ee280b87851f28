package dev.duet.client.grpc;

import static dev.duet.client.ClientOptions.COUNT;
import static dev.duet.client.ClientOptions.GRPC_JSON;
import static dev.duet.client.ClientOptions.GRPC_URL;
import static dev.duet.client.ClientOptions.MESSAGE;
import static dev.duet.client.ClientOptions.METADATA;
import static dev.duet.client.ClientOptions.TIMEOUT;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.client.Repetition;
import dev.duet.client.http.ClientTls;
import dev.duet.common.Arguments;
import java.time.Duration;
import java.util.Optional;

/**
 * One {@code duet-client grpc} run: the values of {@link ClientOptions#GRPC}.
 *
 * @param count how many calls; empty means until interrupted
 * @param timeout each call's deadline
 */
public record GrpcConfig(
        GrpcTarget target, String message, Duration interval, Optional<Integer> count, Duration timeout, boolean json) {

    public static GrpcConfig from(Arguments a) throws Failure {
        return new GrpcConfig(
                GrpcTarget.of(a.get(GRPC_URL), ClientTls.from(a), a.get(METADATA)),
                a.get(MESSAGE),
                Repetition.interval(a),
                Repetition.count(a, COUNT),
                a.get(TIMEOUT),
                a.get(GRPC_JSON));
    }
}
