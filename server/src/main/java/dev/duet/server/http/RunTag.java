package dev.duet.server.http;

import dev.duet.common.LogText;
import dev.duet.common.RunHeaders;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * The counting headers of one request ({@link RunHeaders}): a run and a number to count, or the
 * tally of a run asked for. They are read whatever {@code --controls} says: they change no answer,
 * they only make the server say what it saw.
 *
 * @param run   the run's id, or null when the request is not counted
 * @param seq   the request's number in the run; 0 when {@code run} is null
 * @param tally the run whose tally the request asks for, or null
 */
record RunTag(String run, int seq, String tally) {
    static final RunTag NONE = new RunTag(null, 0, null);

    /** True for the header names this record reads, which are not response controls. */
    static boolean owns(String name) {
        return name.equalsIgnoreCase(RunHeaders.RUN)
                || name.equalsIgnoreCase(RunHeaders.SEQ)
                || name.equalsIgnoreCase(RunHeaders.TALLY);
    }

    /**
     * The tag the headers carry.
     *
     * @throws IllegalArgumentException with a one-line reason, naming the header, when one is wrong
     */
    static RunTag parse(HttpFields fields) {
        String run = null;
        String seq = null;
        String tally = null;
        for (HttpField field : fields) {
            String name = field.getName();
            if (name.equalsIgnoreCase(RunHeaders.RUN)) {
                run = runId(RunHeaders.RUN, field.getValue());
            } else if (name.equalsIgnoreCase(RunHeaders.SEQ)) {
                seq = field.getValue().trim();
            } else if (name.equalsIgnoreCase(RunHeaders.TALLY)) {
                tally = runId(RunHeaders.TALLY, field.getValue());
            }
        }
        if (run == null && seq == null) {
            return tally == null ? NONE : new RunTag(null, 0, tally);
        }
        if (run == null || seq == null) {
            throw new IllegalArgumentException(RunHeaders.RUN + " and " + RunHeaders.SEQ + " go together; got only "
                    + (run == null ? RunHeaders.SEQ : RunHeaders.RUN));
        }
        int number = RunHeaders.parseSeq(seq);
        if (number < 1) {
            throw new IllegalArgumentException(
                    RunHeaders.SEQ + ": expected a number from 1 to 2147483647, got " + LogText.quote(seq));
        }
        return new RunTag(run, number, tally);
    }

    private static String runId(String header, String value) {
        String id = value.trim();
        if (!RunHeaders.isRunId(id)) {
            throw new IllegalArgumentException(header + ": expected 1 to " + RunHeaders.MAX_RUN_LENGTH
                    + " letters, digits, '-' or '_', got " + LogText.quote(id));
        }
        return id;
    }
}
