package com.poseops.inference;

/**
 * Which model produced a prediction.
 *
 * @param name      file name of the model without {@code .tflite}, e.g. {@code movenet_singlepose_lightning_int8_4}
 * @param inputSize side S of the square model input (192 for Lightning, 256 for Thunder)
 * @param inputType tensor type of the model input: {@code uint8}, {@code int32} or {@code float32}
 * @param sha256    lower-case hex SHA-256 of the model file
 */
public record ModelInfo(String name, int inputSize, String inputType, String sha256) {
}
