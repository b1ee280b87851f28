package dev.duet.server.tls;

import dev.duet.common.UsageException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the echo speaks TLS, and with what: a certificate and key from PEM files, or a
 * self-signed certificate made at start; optionally written out for clients to trust, and
 * optionally requiring clients to present a certificate signed by a given CA (mutual TLS).
 *
 * @param legacyCiphers whether TLS 1.2 also offers CBC suites, for clients too old for AEAD ones
 */
public record TlsConfig(
        Mode mode,
        Optional<Path> cert,
        Optional<Path> key,
        Optional<Path> writeCert,
        Optional<Path> clientCa,
        boolean legacyCiphers) {
    /** The {@code --tls-ciphers} words. */
    public static final String AEAD_CIPHERS = "aead", LEGACY_CIPHERS = "legacy";

    public enum Mode {
        OFF,
        FILES,
        SELF_SIGNED
    }

    public static final TlsConfig OFF =
            new TlsConfig(Mode.OFF, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);

    /**
     * From the --tls word ({@code off}, {@code on}, {@code self-signed}), the files given and the
     * --tls-ciphers word: a certificate and key given are TLS on, and what does not fit together is a
     * usage error.
     */
    public static TlsConfig of(
            String tls,
            Optional<Path> cert,
            Optional<Path> key,
            Optional<Path> writeCert,
            Optional<Path> clientCa,
            String ciphers) {
        Mode mode = switch (tls) {
            case "self-signed" -> Mode.SELF_SIGNED;
            case "on" -> Mode.FILES;
            default -> cert.isPresent() || key.isPresent() ? Mode.FILES : Mode.OFF;
        };
        if (mode == Mode.FILES && (cert.isEmpty() || key.isEmpty())) {
            throw new UsageException("TLS needs --cert FILE and --key FILE (PEM), or --tls self-signed");
        }
        if (mode == Mode.SELF_SIGNED && (cert.isPresent() || key.isPresent())) {
            throw new UsageException("give --cert and --key, or --tls self-signed, not both");
        }
        boolean legacy = ciphers.equals(LEGACY_CIPHERS);
        if (mode == Mode.OFF && (writeCert.isPresent() || clientCa.isPresent() || legacy)) {
            throw new UsageException(
                    (writeCert.isPresent() ? "--write-cert" : clientCa.isPresent() ? "--client-ca" : "--tls-ciphers")
                            + " needs --tls");
        }
        return new TlsConfig(mode, cert, key, writeCert, clientCa, legacy);
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }
}
