package dev.duet.client.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duet.client.Failure;
import dev.duet.common.LogText;
import dev.duet.common.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs saved by {@code bench --json}, read back for {@code merge} and {@code report}: each file
 * holds one run or several, one JSON object after another (what {@code docker service logs} or
 * {@code kubectl logs} of N workers gathers); {@code -} is standard input.
 */
final class SavedRuns {
    /** A run as saved, and the name it goes by: its file's, numbered when the file holds several. */
    record Saved(String label, JsonNode json) {}

    private SavedRuns() {}

    static List<Saved> read(List<Path> files, InputStream stdin) throws Failure {
        if (files.isEmpty()) {
            throw new UsageException("missing FILE: the runs, as bench --json saved them");
        }
        List<Saved> runs = new ArrayList<>();
        for (Path file : files) {
            String name =
                    file.toString().equals("-") ? "stdin" : file.getFileName().toString();
            List<JsonNode> found = new ArrayList<>();
            try (InputStream in = name.equals("stdin") ? stdin : Files.newInputStream(file);
                    MappingIterator<JsonNode> values =
                            BenchReport.JSON.readerFor(JsonNode.class).readValues(in)) {
                while (values.hasNextValue()) {
                    found.add(values.nextValue());
                }
            } catch (NoSuchFileException e) {
                throw new Failure(Failure.Kind.RUN_FILE, "no such file: " + LogText.quote(file.toString()));
            } catch (JsonProcessingException e) {
                throw new Failure(
                        Failure.Kind.RUN_FILE,
                        name + " is not JSON (bench --json's output) at line "
                                + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new Failure(Failure.Kind.RUN_FILE, "cannot read " + LogText.quote(file.toString()) + ": " + e);
            }
            if (found.isEmpty()) {
                throw new Failure(Failure.Kind.RUN_FILE, name + " holds no run");
            }
            for (int i = 0; i < found.size(); i++) {
                runs.add(new Saved(found.size() == 1 ? name : name + " #" + (i + 1), found.get(i)));
            }
        }
        return runs;
    }

    /** Each saved run read back whole; a run that is not one is named. */
    static List<RunResult> results(List<Saved> saved) throws Failure {
        List<RunResult> runs = new ArrayList<>();
        for (Saved s : saved) {
            try {
                runs.add(RunResult.read(s.json()));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new Failure(
                        Failure.Kind.RUN_FILE, s.label() + " is not a run bench --json saved: " + e.getMessage());
            }
        }
        return runs;
    }

    /** The runs, each with its label, as the report page reads them. */
    static List<JsonNode> labelled(List<Saved> saved) {
        List<JsonNode> runs = new ArrayList<>();
        for (Saved s : saved) {
            ObjectNode json = s.json().deepCopy();
            json.put("label", s.label());
            runs.add(json);
        }
        return runs;
    }

    /** Writes {@code text} to {@code file}, or to {@code stdout} for {@code -}. */
    static void write(String text, Path file, OutputStream stdout) throws Failure {
        try {
            if (file.toString().equals("-")) {
                stdout.write(text.getBytes(StandardCharsets.UTF_8));
                stdout.flush();
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new Failure(Failure.Kind.OUTPUT_FILE, "cannot write " + LogText.quote(file.toString()) + ": " + e);
        }
    }
}
