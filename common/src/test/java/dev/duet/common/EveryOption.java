package dev.duet.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks every option of every command of a program, as a user meets it: {@code --help} lists it with
 * its variable and default, it has a variable, the variable really sets the value the command runs
 * with (the config record differs from the default one), and its flag sets the same value.
 */
public final class EveryOption {
    /** What {@code PROGRAM COMMAND --help} prints. */
    @FunctionalInterface
    public interface Help {
        String of(OptionTable table) throws Exception;
    }

    /** The config record a command's arguments make. */
    @FunctionalInterface
    public interface Config {
        Object of(OptionTable table, Arguments arguments) throws Exception;
    }

    private EveryOption() {}

    public static void check(List<OptionTable> tables, Help help, Config config) throws Exception {
        check(tables, help, config, Map.of());
    }

    /**
     * As {@link #check(List, Help, Config)}, where some options only make sense with others: each
     * is set along with its {@code companions} (--cert with --key FILE).
     */
    public static void check(
            List<OptionTable> tables, Help help, Config config, Map<Option<?>, List<String>> companions)
            throws Exception {
        for (OptionTable table : tables) {
            String text = help.of(table);
            for (Option<?> option : table.options()) {
                listed(table, option, text);
                assertTrue(
                        option.variable().isPresent(),
                        table.command() + " " + option.flag() + " has no environment variable");
                reachesTheConfig(table, option, config, companions.getOrDefault(option, List.of()));
            }
        }
    }

    private static void listed(OptionTable table, Option<?> option, String help) {
        List<String> lines = help.lines().toList();
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("  " + option.synopsis() + " ")
                    || lines.get(i).equals("  " + option.synopsis())) {
                at = i;
            }
        }
        String where = table.command() + " " + option.flag();
        assertTrue(at >= 0, where + " is not in --help:\n" + help);
        String expected = option.variable().map(v -> "env " + v + ", ").orElse("")
                + (option.isRequired() ? "required" : "default " + option.shownDefault());
        String described = lines.get(at).contains(option.help()) ? lines.get(at + 1) : lines.get(at + 2);
        assertEquals("(" + expected + ")", described.trim(), where + ": its variable and default in --help");
    }

    private static void reachesTheConfig(OptionTable table, Option<?> option, Config config, List<String> companions)
            throws Exception {
        String variable = option.variable().orElseThrow();
        String example = option.type().example();
        String where = table.command() + " " + variable;
        List<String> others = requiredWordsExcept(table, option);
        others.addAll(companions);
        Object viaVariable = config.of(table, Arguments.parse(table, others, Map.of(variable, example)));
        List<String> withFlag = new ArrayList<>(others);
        withFlag.add(option.flag());
        if (option.type().takesValue()) {
            withFlag.add(example);
        }
        Object viaFlag = config.of(table, Arguments.parse(table, withFlag, Map.of()));
        assertEquals(viaFlag, viaVariable, where + " sets what " + option.flag() + " sets");
        if (!option.isRequired()) {
            Object byDefault;
            try {
                byDefault = config.of(table, Arguments.parse(table, others, Map.of()));
            } catch (UsageException companionsAlone) {
                // --key without --cert is no config at all: the value must show in the one there is
                assertTrue(String.valueOf(viaVariable).contains(example), where + "=" + example + " not in the config");
                return;
            }
            assertNotEquals(byDefault, viaVariable, where + "=" + example + " does not reach the config");
        }
    }

    /** A value for every required option but {@code skipped}, so the command can run at all. */
    private static List<String> requiredWordsExcept(OptionTable table, Option<?> skipped) {
        List<String> words = new ArrayList<>();
        for (Option<?> option : table.options()) {
            if (option.isRequired() && option != skipped) {
                words.add(option.flag());
                words.add(option.type().example());
            }
        }
        return words;
    }
}
