package com.poseops.inference;

import org.jspecify.annotations.Nullable;

/**
 * Which model produced a prediction.
 *
 * @param name        file name of the model without {@code .tflite}, e.g. {@code movenet_singlepose_lightning_int8_4}
 * @param inputSize   side S of the square model input (192 for Lightning, 256 for Thunder)
 * @param inputType   tensor type of the model input: {@code uint8}, {@code int32} or {@code float32}
 * @param sha256      lower-case hex SHA-256 of the model file
 * @param calibration lower-case hex SHA-256 of the calibration file whose scores the predictions carry, or null when
 *                    they carry the model's own scores
 */
public record ModelInfo(String name, int inputSize, String inputType, String sha256, @Nullable String calibration) {

    /** A model whose predictions carry its own scores. */
    public ModelInfo(String name, int inputSize, String inputType, String sha256) {
        this(name, inputSize, inputType, sha256, null);
    }

    /** The same model, its scores calibrated by the file with this SHA-256. */
    public ModelInfo withCalibration(String calibrationSha256) {
        return new ModelInfo(name, inputSize, inputType, sha256, calibrationSha256);
    }
}
