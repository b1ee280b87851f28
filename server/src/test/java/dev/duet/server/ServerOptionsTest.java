package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duet.common.EveryOption;
import dev.duet.common.GeneratedSection;
import dev.duet.common.OptionTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every option of every transport: in its --help with variable and default, and set by both. */
class ServerOptionsTest {
    @Test
    void everyOptionIsInItsHelpAndItsVariableSetsIt() throws Exception {
        EveryOption.check(
                ServerOptions.COMMANDS,
                table -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    Main.run(
                            List.of(table.command(), "--help"),
                            Map.of(),
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            System.err);
                    return out.toString(StandardCharsets.UTF_8);
                },
                Main::config,
                // the TLS files only make sense together, or with TLS on
                Map.of(
                        ServerOptions.CERT, List.of("--key", "key.pem"),
                        ServerOptions.KEY, List.of("--cert", "cert.pem"),
                        ServerOptions.WRITE_CERT, List.of("--tls", "self-signed"),
                        ServerOptions.WRITE_CERT_FORCE, List.of("--tls", "self-signed", "--write-cert", "x.pem"),
                        ServerOptions.CLIENT_CA, List.of("--tls", "self-signed"),
                        ServerOptions.TLS_CIPHERS, List.of("--tls", "self-signed")));
    }

    @Test
    void aMistypedTransportIsNamedWithTheNearestOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                List.of("htp", "--port", "0"),
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertEquals(
                "duet-server: unknown transport \"htp\" (did you mean \"http\"?)\nTry \"duet-server http --help\".\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theConfigurationPageShowsEveryTransportsTable() throws Exception {
        GeneratedSection.check(
                GeneratedSection.docs("configuration.md"),
                "duet-server options",
                OptionTable.markdown(ServerOptions.COMMANDS));
    }
}
