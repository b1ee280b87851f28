package dev.duet.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One HTML page of plots of one or more runs ({@code bench --report}, {@code duet-client report}):
 * answers a second, latency p50/p99/max a second, the latency percentile spectrum on a log axis (as
 * HdrHistogram plots it), errors a second, and each replica's share when the run has one. It opens
 * offline: uPlot (bundled in the jar) and the page's own script are inline, allowed by their hashes
 * in a strict Content-Security-Policy, and the runs' data is a JSON block no browser runs, put on
 * the page as text only.
 */
final class ReportPage {
    private static final String UPLOT = "META-INF/resources/webjars/uplot/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReportPage() {}

    /**
     * Writes the page of {@code runs}, each as {@code bench --json} wrote it, with a {@code label}
     * to name it by (added when missing: its target).
     */
    static void write(List<JsonNode> runs, Path file) throws IOException {
        Files.writeString(file, html(runs), StandardCharsets.UTF_8);
    }

    static String html(List<JsonNode> runs) {
        ArrayNode data = NODES.arrayNode();
        for (JsonNode run : runs) {
            data.add(plotData(run));
        }
        String uplot = uplot("dist/uPlot.iife.min.js");
        String uplotCss = uplot("dist/uPlot.min.css");
        String script = resource("report.js");
        String style = resource("report.css");
        String csp = "default-src 'none'; script-src " + hash(uplot) + " " + hash(script) + "; style-src "
                + hash(uplotCss) + " " + hash(style)
                + "; img-src 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'";
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>duet-client bench report</title>\n"
                + "<style>" + uplotCss + "</style>\n<style>" + style + "</style>\n</head>\n<body>\n"
                + "<h1>duet-client bench</h1>\n<table id=\"runs-table\"></table>\n<div id=\"plots\"></div>\n"
                + "<script type=\"application/json\" id=\"runs\">" + inert(data.toString()) + "</script>\n"
                + "<script>" + uplot + "</script>\n<script>" + script + "</script>\n</body>\n</html>\n";
    }

    /** What the page's script plots of a run: its columns, ready for uPlot. */
    private static ObjectNode plotData(JsonNode run) {
        ObjectNode plot = NODES.objectNode();
        plot.put(
                "label",
                run.hasNonNull("label")
                        ? run.get("label").asText()
                        : run.path("target").asText());
        ObjectNode summary = plot.putObject("summary");
        for (String key :
                List.of("target", "model", "connections", "seconds", "answered", "perSecond", "errors", "targetRate")) {
            summary.set(key, run.get(key));
        }
        summary.set("latency", run.get("latency"));
        summary.set("thresholds", run.get("thresholds"));
        summary.set("breakingPoint", run.get("breakingPoint"));
        ArrayNode t = plot.putArray("t");
        ArrayNode answered = plot.putArray("answered");
        ArrayNode target = plot.putArray("target");
        ArrayNode p50 = plot.putArray("p50");
        ArrayNode p99 = plot.putArray("p99");
        ArrayNode max = plot.putArray("max");
        ArrayNode errors = plot.putArray("errors");
        boolean replicas = false;
        for (JsonNode s : run.path("series")) {
            double seconds = s.path("seconds").asDouble();
            t.add(s.path("end").asDouble());
            answered.add(seconds > 0 ? s.path("answered").asDouble() / seconds : 0);
            target.add(s.get("target"));
            p50.add(s.path("latency").get("p50"));
            p99.add(s.path("latency").get("p99"));
            max.add(s.path("latency").get("max"));
            errors.add(seconds > 0 ? s.path("errors").asDouble() / seconds : 0);
            replicas |= s.path("replicas").isObject();
        }
        plot.set("replicas", replicas ? replicaShares(run) : null);
        plot.set(
                "spectrum",
                spectrum(HistogramCodec.decode(
                        run.path("histograms").path("latency").textValue())));
        return plot;
    }

    /**
     * Each replica's share of each second's answers, in percent, from the series' {@code replicas}
     * (answers by server name), as {@code bench --tally} records them.
     */
    private static ObjectNode replicaShares(JsonNode run) {
        ObjectNode shares = NODES.objectNode();
        ArrayNode names = shares.putArray("names");
        List<String> seen = new java.util.ArrayList<>();
        for (JsonNode s : run.path("series")) {
            s.path("replicas").fieldNames().forEachRemaining(name -> {
                if (!seen.contains(name)) {
                    seen.add(name);
                }
            });
        }
        seen.forEach(names::add);
        ArrayNode columns = shares.putArray("shares");
        for (String name : seen) {
            ArrayNode column = columns.addArray();
            for (JsonNode s : run.path("series")) {
                long all = 0;
                for (Iterator<JsonNode> it = s.path("replicas").elements(); it.hasNext(); ) {
                    all += it.next().asLong();
                }
                column.add(
                        all == 0 ? null : 100.0 * s.path("replicas").path(name).asLong() / all);
            }
        }
        return shares;
    }

    /** HdrHistogram's percentile plot: x is 1/(1-percentile), on a log axis; y the latency in ms. */
    private static ObjectNode spectrum(Histogram latency) {
        ObjectNode spectrum = NODES.objectNode();
        ArrayNode x = spectrum.putArray("x");
        ArrayNode y = spectrum.putArray("y");
        if (latency.getTotalCount() > 0) {
            for (HistogramIterationValue v : latency.percentiles(5)) {
                double p = v.getPercentileLevelIteratedTo() / 100;
                if (p >= 1) {
                    break;
                }
                x.add(1 / (1 - p));
                y.add(latency.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0);
            }
        }
        return spectrum;
    }

    /** JSON that cannot end its script block or start markup: its <, > and & as JSON escapes. */
    static String inert(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static String hash(String inline) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** A file of the uPlot WebJar on the class path, found by the version its own pom.properties says. */
    private static String uplot(String file) {
        Properties webjar = new Properties();
        try (InputStream in = stream("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            webjar.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read("/" + UPLOT + webjar.getProperty("version") + "/" + file);
    }

    private static String resource(String name) {
        return read("/dev/duet/client/bench/" + name);
    }

    private static String read(String path) {
        try (InputStream in = stream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String path) {
        InputStream in = ReportPage.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("the jar lacks " + path);
        }
        return in;
    }
}
