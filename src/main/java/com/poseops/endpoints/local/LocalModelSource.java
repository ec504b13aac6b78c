package com.poseops.endpoints.local;

import java.nio.file.Path;
import java.util.function.DoubleConsumer;

/** Where the local endpoint's model comes from: a configured file, or the official model downloaded once. */
@FunctionalInterface
interface LocalModelSource {

    /**
     * Returns a readable .tflite file; reports download progress (0..1) when it has to fetch one.
     *
     * @throws ModelUnavailableException with a message that says what to do
     */
    Path obtain(DoubleConsumer progress) throws ModelUnavailableException;

    /** No model can be had; the message is for the page. */
    final class ModelUnavailableException extends Exception {
        ModelUnavailableException(String message) {
            super(message);
        }
    }
}
