package com.poseops.inference.labels;

/** A label file or a labelled folder is not usable; the message says what is wrong and where, for a person. */
public final class LabelFormatException extends IllegalArgumentException {

    public LabelFormatException(String message) {
        super(message);
    }

    public LabelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
