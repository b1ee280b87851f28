package dev.duet.server.tls;

import static dev.duet.server.ServerOptions.WRITE_CERT;
import static dev.duet.server.ServerOptions.WRITE_CERT_FORCE;

import dev.duet.server.FileProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;

/**
 * {@code --write-cert FILE}: the certificate served, in PEM, for clients to trust, under a first
 * line that says duet-server wrote it (PEM readers skip text before a block: the JDK, openssl,
 * curl, Node). A file without that line is someone else's, a user's own certificate say, and is
 * replaced only with {@code --write-cert-force}; replacing one is logged either way.
 */
final class CertificateFile {
    static final String MARK = "# written by duet-server --write-cert";

    private CertificateFile() {}

    static void write(Path file, TlsIdentity tls, boolean force, Logger log) {
        String named = WRITE_CERT.flag() + " " + file;
        FileProblem.requireDirectoryOf(WRITE_CERT.flag(), file);
        if (Files.isDirectory(file)) {
            throw new FileProblem(named + ": is a directory");
        }
        if (Files.exists(file)) {
            boolean ours = writtenByUs(file);
            if (!ours && !force) {
                throw new FileProblem(named + ": the file exists and duet-server did not write it; choose another"
                        + " file, or add " + WRITE_CERT_FORCE.flag() + " to replace it");
            }
            log.info(
                    "TLS: replacing {}, {}",
                    file,
                    ours ? "a certificate an earlier run wrote" : "as " + WRITE_CERT_FORCE.flag() + " asks");
        }
        try {
            Files.writeString(
                    file, MARK + " (SHA-256 " + tls.fingerprint() + ")\n" + tls.leafPem(), StandardCharsets.US_ASCII);
        } catch (AccessDeniedException e) {
            throw new FileProblem(named + ": permission denied");
        } catch (IOException e) {
            throw new FileProblem(named + ": " + e.getMessage());
        }
        log.info("TLS: certificate written to {} (curl --cacert {})", file, file);
    }

    /** True when the file begins with the line this class writes. */
    private static boolean writtenByUs(Path file) {
        byte[] mark = MARK.getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(mark.length), mark);
        } catch (IOException unreadable) {
            return false; // not known to be ours
        }
    }
}
