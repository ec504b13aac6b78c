package com.poseops.inference.tools;

import java.net.URI;

/** The official MoveNet SinglePose models {@link ModelDownloader} can fetch from TF Hub. */
public enum MoveNetVariant {
    /** More accurate (mAP 72.0), 256×256 input; the default. */
    THUNDER_FLOAT16("thunder", 256),
    /** Faster (mAP 63.0), 192×192 input. */
    LIGHTNING_FLOAT16("lightning", 192);

    /** TF Hub, which redirects to Kaggle; what tensorflow/examples downloads. */
    public static final String DEFAULT_BASE_URL = "https://tfhub.dev/";

    private final String name;
    private final int inputSize;

    MoveNetVariant(String name, int inputSize) {
        this.name = name;
        this.inputSize = inputSize;
    }

    /** The official download address. */
    public URI url() {
        return url(URI.create(DEFAULT_BASE_URL));
    }

    /** The download address under another base (a mirror, or a test server): base + {@link #relativePath()}. */
    public URI url(URI baseUrl) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + relativePath());
    }

    /** Path and query below the base URL, as on TF Hub. */
    public String relativePath() {
        return "google/lite-model/movenet/singlepose/" + name + "/tflite/float16/4?lite-format=tflite";
    }

    /** File name in the cache, e.g. {@code movenet_singlepose_thunder_float16_4.tflite}. */
    public String fileName() {
        return "movenet_singlepose_" + name + "_float16_4.tflite";
    }

    /** Side of the square input the model must have (checked after the download). */
    public int inputSize() {
        return inputSize;
    }

    /** {@code thunder} or {@code lightning}, as on the command line. */
    public String shortName() {
        return name;
    }

    /** Parses {@code thunder} / {@code lightning} (any case). */
    public static MoveNetVariant ofShortName(String value) {
        for (MoveNetVariant v : values()) {
            if (v.name.equalsIgnoreCase(value.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("Unknown MoveNet variant '" + value + "': use thunder or lightning.");
    }
}
