package com.poseops.monitoring.local;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Latency histograms in microseconds: HdrHistogram with 3 significant digits (every percentile within 0.1 % of the
 * exact value), auto-resizing so that an empty or fast minute stays small, stored with HdrHistogram's compressed
 * encoding. Histograms of different minutes and variants merge exactly ({@link Histogram#add}), so a p99 over an hour
 * or a week comes from the merged counts, never from averaged percentiles.
 */
final class LatencyHistograms {

    static final int SIGNIFICANT_DIGITS = 3;

    private LatencyHistograms() {
    }

    static Histogram empty() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }

    static void record(Histogram histogram, long micros) {
        histogram.recordValue(Math.max(1, micros));
    }

    static byte[] encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    /** Adds the encoded histogram to {@code into}. */
    static void mergeEncoded(Histogram into, byte[] encoded) {
        if (encoded.length == 0) {
            return;
        }
        try {
            into.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded), 2));
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored latency histogram is corrupt: " + e.getMessage(), e);
        }
    }

    /** The value at the percentile, in milliseconds (HdrHistogram: the value that {@code percentile} % are at most). */
    static double percentileMillis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
