package dev.duet.client.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A --tally's count: which server answered how many requests and how quickly, and what failed. */
final class ReplicaTally {
    private final Map<String, List<Double>> millisByServer = new HashMap<>();
    private int answered;
    private int failed;
    private String firstError;

    /** A request that {@code server} answered in {@code millis}. */
    void answered(String server, double millis) {
        millisByServer.computeIfAbsent(server, s -> new ArrayList<>()).add(millis);
        answered++;
    }

    /** A request no server answered as Duet does; the first reason is kept. */
    void failed(String reason) {
        if (failed++ == 0) {
            firstError = reason;
        }
    }

    int requests() {
        return answered + failed;
    }

    int answered() {
        return answered;
    }

    int failed() {
        return failed;
    }

    Optional<String> firstError() {
        return Optional.ofNullable(firstError);
    }

    /**
     * One server's line.
     *
     * @param share    its answers as a percentage of every request sent, failed ones included, to 0.1
     * @param medianMs the median time of its requests, connecting included, to 0.01 ms
     */
    record Server(String name, int answers, double share, double medianMs) {}

    /** Every server that answered: most answers first, then by name. */
    List<Server> servers() {
        List<Server> servers = new ArrayList<>();
        millisByServer.forEach((name, millis) -> servers.add(new Server(
                name,
                millis.size(),
                Math.round(millis.size() * 1000.0 / requests()) / 10.0,
                Math.round(median(millis) * 100) / 100.0)));
        servers.sort(Comparator.comparingInt(Server::answers).reversed().thenComparing(Server::name));
        return servers;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
