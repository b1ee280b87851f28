package dev.duet.client.bench;

import static dev.duet.client.ClientOptions.MERGED_OUT;
import static dev.duet.client.ClientOptions.PERCENTILES;
import static dev.duet.client.ClientOptions.REPORT_OUT;
import static dev.duet.client.ClientOptions.RUNS;

import dev.duet.client.Failure;
import dev.duet.common.Arguments;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code duet-client merge} and {@code duet-client report}: what is done with runs saved by {@code
 * bench --json}, made at the same time on several machines or one after another.
 */
public final class SavedRunCommands {
    private SavedRunCommands() {}

    /** {@code merge FILE... [--out FILE] [--percentiles LIST]}. */
    public record MergeConfig(List<Path> runs, Path out, List<Double> percentiles) {
        public static MergeConfig from(Arguments a) {
            return new MergeConfig(a.get(RUNS), a.get(MERGED_OUT), a.get(PERCENTILES));
        }
    }

    /** {@code report FILE... --out FILE}. */
    public record ReportConfig(List<Path> runs, Path out) {
        public static ReportConfig from(Arguments a) {
            return new ReportConfig(a.get(RUNS), a.get(REPORT_OUT));
        }
    }

    /**
     * One run of them all: counts summed, histograms merged, and the percentiles read from the merged
     * histograms; written as bench --json writes a run, so it merges and plots again.
     */
    public static void merge(MergeConfig config, InputStream stdin, PrintStream out) throws Exception {
        RunResult merged = RunResult.merge(SavedRuns.results(SavedRuns.read(config.runs(), stdin)));
        BenchReport.Summary summary = BenchReport.summarize(merged, config.percentiles(), List.of());
        SavedRuns.write(BenchReport.JSON.writeValueAsString(summary) + "\n", config.out(), out);
    }

    /** One page of plots that overlays the runs. */
    public static void report(ReportConfig config, InputStream stdin, PrintStream out) throws Failure {
        List<SavedRuns.Saved> saved = SavedRuns.read(config.runs(), stdin);
        SavedRuns.results(saved); // each must be a whole run: the page plots what they measured
        SavedRuns.write(ReportPage.html(SavedRuns.labelled(saved)), config.out(), out);
    }
}
