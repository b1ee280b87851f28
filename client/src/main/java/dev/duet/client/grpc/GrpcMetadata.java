package dev.duet.client.grpc;

import dev.duet.common.LogText;
import dev.duet.common.ValueType;
import io.grpc.Metadata;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One {@code --metadata KEY:VALUE}: a header of the call. Keys are lower-case, as gRPC sends them;
 * a key ending in {@code -bin} takes its value in base64, as grpcurl does, and sends the bytes.
 */
public record GrpcMetadata(String key, String value) {
    public static final ValueType<GrpcMetadata> TYPE =
            ValueType.of("KEY:VALUE", GrpcMetadata::parse, GrpcMetadata::toString, "x-trace:1");

    static GrpcMetadata parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected KEY:VALUE such as \"x-trace:1\", got " + LogText.quote(text));
        }
        String key = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).trim();
        GrpcMetadata metadata = new GrpcMetadata(key, value);
        metadata.addTo(new Metadata()); // the key's and value's own checks, now rather than at the call
        return metadata;
    }

    /** Adds this to {@code headers}; a bad key or value is an IllegalArgumentException saying why. */
    void addTo(Metadata headers) {
        try {
            if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                headers.put(
                        Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER),
                        Base64.getDecoder().decode(value));
            } else {
                if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                    throw new IllegalArgumentException(
                            "a value must be printable ASCII (binary goes in a -bin key, as" + " base64)");
                }
                headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "metadata " + LogText.quote(key + ":" + value) + ": " + e.getMessage(), e);
        }
    }

    /** All of {@code metadata} as the headers of a call. */
    static Metadata headers(List<GrpcMetadata> metadata) {
        Metadata headers = new Metadata();
        metadata.forEach(m -> m.addTo(headers));
        return headers;
    }

    @Override
    public String toString() {
        return key + ":" + value;
    }
}
