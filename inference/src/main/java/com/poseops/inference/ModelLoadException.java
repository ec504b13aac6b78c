package com.poseops.inference;

/** The model file is missing, unreadable, not a TensorFlow Lite model, or not a MoveNet SinglePose model. */
public final class ModelLoadException extends Exception {

    /** What ends the messages about a broken download; callers that did not download the file leave it out. */
    public static final String DOWNLOAD_AGAIN = " Download it again (inference/fetch-model).";

    /** What went wrong, for callers that add their own advice; the message says it for everyone else. */
    public enum Kind {
        /** TensorFlow Lite could not allocate the tensors: the declared shapes do not fit together. */
        TENSORS_DO_NOT_FIT,
        OTHER
    }

    private final Kind kind;

    public ModelLoadException(String message) {
        this(Kind.OTHER, message);
    }

    public ModelLoadException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
        this.kind = Kind.OTHER;
    }

    public Kind kind() {
        return kind;
    }
}
