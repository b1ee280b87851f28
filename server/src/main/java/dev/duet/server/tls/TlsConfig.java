package dev.duet.server.tls;

import static dev.duet.server.ServerOptions.CERT;
import static dev.duet.server.ServerOptions.CLIENT_CA;
import static dev.duet.server.ServerOptions.KEY;
import static dev.duet.server.ServerOptions.TLS;
import static dev.duet.server.ServerOptions.TLS_CIPHERS;
import static dev.duet.server.ServerOptions.WRITE_CERT;
import static dev.duet.server.ServerOptions.WRITE_CERT_FORCE;

import dev.duet.common.Arguments;
import dev.duet.common.UsageException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the echo speaks TLS, and with what: a certificate and key from PEM files, or a
 * self-signed certificate made at start; optionally written out for clients to trust, and
 * optionally requiring clients to present a certificate signed by a given CA (mutual TLS).
 *
 * @param writeCertForce whether --write-cert may replace a file duet-server did not write
 * @param legacyCiphers  whether TLS 1.2 also offers CBC suites, for clients too old for AEAD ones
 */
public record TlsConfig(
        Mode mode,
        Optional<Path> cert,
        Optional<Path> key,
        Optional<Path> writeCert,
        boolean writeCertForce,
        Optional<Path> clientCa,
        boolean legacyCiphers) {
    /** The {@code --tls-ciphers} words. */
    public static final String AEAD_CIPHERS = "aead", LEGACY_CIPHERS = "legacy";

    public enum Mode {
        OFF,
        FILES,
        SELF_SIGNED
    }

    public static final TlsConfig OFF = new TlsConfig(
            Mode.OFF, Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), false);

    /**
     * From the --tls word ({@code off}, {@code on}, {@code self-signed}), the files given and the
     * --tls-ciphers word: a certificate and key given are TLS on, and what does not fit together is a
     * usage error.
     */
    public static TlsConfig from(Arguments a) {
        Optional<Path> cert = a.get(CERT);
        Optional<Path> key = a.get(KEY);
        Optional<Path> writeCert = a.get(WRITE_CERT);
        Optional<Path> clientCa = a.get(CLIENT_CA);
        Mode mode = switch (a.get(TLS)) {
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
        boolean legacy = a.get(TLS_CIPHERS).equals(LEGACY_CIPHERS);
        if (mode == Mode.OFF && (writeCert.isPresent() || clientCa.isPresent() || legacy)) {
            throw new UsageException(
                    (writeCert.isPresent() ? "--write-cert" : clientCa.isPresent() ? "--client-ca" : "--tls-ciphers")
                            + " needs --tls");
        }
        if (a.get(WRITE_CERT_FORCE) && writeCert.isEmpty()) {
            throw new UsageException("--write-cert-force needs --write-cert FILE");
        }
        return new TlsConfig(mode, cert, key, writeCert, a.get(WRITE_CERT_FORCE), clientCa, legacy);
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }
}
