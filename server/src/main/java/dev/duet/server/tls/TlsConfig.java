package dev.duet.server.tls;

import dev.duet.common.UsageException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the echo speaks TLS, and with what: a certificate and key from PEM files, or a
 * self-signed certificate made at start; optionally written out for clients to trust, and
 * optionally requiring clients to present a certificate signed by a given CA (mutual TLS).
 */
public record TlsConfig(
        Mode mode, Optional<Path> cert, Optional<Path> key, Optional<Path> writeCert, Optional<Path> clientCa) {

    public enum Mode {
        OFF,
        FILES,
        SELF_SIGNED
    }

    public static final TlsConfig OFF =
            new TlsConfig(Mode.OFF, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * From the --tls word ({@code off}, {@code on}, {@code self-signed}) and the files given: a
     * certificate and key given are TLS on, and what does not fit together is a usage error.
     */
    public static TlsConfig of(
            String tls, Optional<Path> cert, Optional<Path> key, Optional<Path> writeCert, Optional<Path> clientCa) {
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
        if (mode == Mode.OFF && (writeCert.isPresent() || clientCa.isPresent())) {
            throw new UsageException((writeCert.isPresent() ? "--write-cert" : "--client-ca") + " needs --tls");
        }
        return new TlsConfig(mode, cert, key, writeCert, clientCa);
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }
}
