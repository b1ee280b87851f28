package dev.duet.server.grpc;

import dev.duet.common.GeneratedSection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The .proto in docs/protocols.md is the one the server is built from. */
class EchoProtoDocsTest {
    @Test
    void theProtocolsPageShowsTheProtoAsBuilt() throws Exception {
        String proto = Files.readString(
                Path.of("..", "common", "src", "main", "proto", "duet", "v1", "echo.proto"), StandardCharsets.UTF_8);
        GeneratedSection.check(GeneratedSection.docs("protocols.md"), "echo.proto", "```proto\n" + proto + "```\n");
    }
}
