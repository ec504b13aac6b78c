package com.poseops.inference;

import com.poseops.inference.image.ImageDecoder;
import com.poseops.inference.image.JpegDecoders;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Decoders (with their native TurboJPEG handles and ImageIO readers) for the calls running now; one per concurrent
 * call, reused. Decoding happens outside the interpreter pool, so this is not bounded by the workers.
 */
final class DecoderPool {
    private final JpegDecoders jpeg;
    private final ConcurrentLinkedQueue<ImageDecoder> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    DecoderPool(JpegDecoders jpeg) {
        this.jpeg = jpeg;
    }

    ImageDecoder take() {
        ImageDecoder decoder = idle.poll();
        return decoder != null ? decoder : jpeg.newDecoder();
    }

    void give(ImageDecoder decoder) {
        idle.add(decoder);
        if (closed) {
            drain();
        }
    }

    String description() {
        return jpeg.description();
    }

    void close() {
        closed = true;
        drain();
    }

    private void drain() {
        for (ImageDecoder d; (d = idle.poll()) != null; ) {
            d.close();
        }
    }
}
