package dev.duet.client.faults;

import static dev.duet.client.ClientOptions.BIG_BODY;
import static dev.duet.client.ClientOptions.FAULTS_JSON;
import static dev.duet.client.ClientOptions.FAULTS_TIMEOUT;
import static dev.duet.client.ClientOptions.HEADER;
import static dev.duet.client.ClientOptions.ONLY;
import static dev.duet.client.ClientOptions.SLOW;
import static dev.duet.client.ClientOptions.URL;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.client.http.ClientTls;
import dev.duet.client.http.GetConfig;
import dev.duet.client.http.RequestHeader;
import dev.duet.common.Arguments;
import dev.duet.common.Durations;
import dev.duet.common.UsageException;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * One {@code duet-client faults} run: where to ask for the failures, which ones, and how long to
 * wait for each. The values of {@link ClientOptions#FAULTS}.
 *
 * @param only    the faults to ask for, in the table's order
 * @param slow    how late the slow answer comes, and how long the trickled one takes
 * @param timeout how long each fault's outcome is waited for, from its request's first byte
 * @param bigBody the size of the big-body answer
 * @param headers sent with every request (credentials, a Host the path routes by)
 */
public record FaultsConfig(
        HttpUrl url,
        List<Fault> only,
        Duration slow,
        Duration timeout,
        long bigBody,
        List<RequestHeader> headers,
        ClientTls tls,
        boolean json) {

    /** How much longer than --slow a fault is waited for, unless --timeout says. */
    static final Duration BEYOND_SLOW = Duration.ofSeconds(15);

    public static FaultsConfig from(Arguments a) throws Failure {
        Duration slow = a.get(SLOW);
        FaultsConfig config = new FaultsConfig(
                GetConfig.parseUrl(a.get(URL)),
                Fault.all().stream().filter(a.get(ONLY)::contains).toList(),
                slow,
                a.get(FAULTS_TIMEOUT).orElse(slow.plus(BEYOND_SLOW)),
                a.get(BIG_BODY),
                a.get(HEADER),
                ClientTls.from(a),
                a.get(FAULTS_JSON));
        if (config.timeout.compareTo(slow) <= 0
                && (config.only.contains(Fault.SLOW) || config.only.contains(Fault.TRICKLE))) {
            throw new UsageException("--timeout " + Durations.format(config.timeout)
                    + " is no longer than --slow " + Durations.format(slow)
                    + ": the slow and trickled answers could never arrive");
        }
        return config;
    }
}
