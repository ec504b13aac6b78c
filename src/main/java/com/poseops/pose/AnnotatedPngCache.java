package com.poseops.pose;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The annotated PNGs drawn last, so that a second click (or a second tab) does not decode and draw the image again:
 * least recently used first out, at most {@code maxBytes} in all. Keyed by user, upload, the prediction drawn and
 * the threshold (to the hundredth, as the slider shows it).
 */
final class AnnotatedPngCache {

    record Key(String username, String uploadId, int predictionHash, long thresholdHundredths) {

        static Key of(String username, String uploadId, PoseResult result, double threshold) {
            return new Key(username, uploadId, result.keypoints().hashCode(), Math.round(threshold * 100));
        }
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    AnnotatedPngCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Optional<byte[]> get(Key key) {
        return Optional.ofNullable(entries.get(key));
    }

    synchronized void put(Key key, byte[] png) {
        if (png.length > maxBytes / 4) {
            return; // one huge entry would push out everything else
        }
        byte[] previous = entries.put(key, png);
        bytes += png.length - (previous == null ? 0 : previous.length);
        Iterator<Map.Entry<Key, byte[]>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }
}
