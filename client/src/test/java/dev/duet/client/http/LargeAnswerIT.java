package dev.duet.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The packaged client with a small heap, as a process, against an answer larger than that heap. */
class LargeAnswerIT {
    private static final Path JAR = Path.of("target", "duet-client.jar");

    @Test
    void aBodyLargerThanTheHeapIsStreamedToStdoutWhole() throws Exception {
        long size = 256L << 20; // the client runs with a 48 MiB heap below
        try (RawServer server = new RawServer(out -> {
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            for (long sent = 0; sent < size; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            Process client = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElse("java"),
                            "-Xmx48m",
                            "-jar",
                            JAR.toString(),
                            server.address() + "/big")
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            client.getOutputStream().close();
            InputStream out = client.getInputStream();
            String first = new String(out.readNBytes("statusCode: 200\n".length()), StandardCharsets.US_ASCII);
            long body = 0;
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = out.read(buffer)) >= 0; ) {
                body += n;
            }
            assertEquals(0, client.waitFor());
            assertEquals("statusCode: 200\n", first);
            assertEquals(size + 1, body, "every byte of the body, then the newline the client adds");
        }
    }
}
