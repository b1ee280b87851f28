package dev.duet.client.bench;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A latency histogram as text in a run's JSON: HdrHistogram's own compressed encoding, in base64,
 * as its interval logs (.hlog) keep it. Every count is there, so runs can be merged exactly.
 */
final class HistogramCodec {
    private HistogramCodec() {}

    /** The histogram as base64; null for an empty one. */
    static String encode(Histogram histogram) {
        if (histogram == null || histogram.getTotalCount() == 0) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /** The histogram {@link #encode} wrote; an empty one for null. */
    static Histogram decode(String base64) {
        Histogram into = new Histogram(3);
        if (base64 == null) {
            return into;
        }
        try {
            into.add(Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0));
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "a histogram that is not HdrHistogram's compressed base64: " + e.getMessage());
        }
        return into;
    }
}
