package com.poseops.endpoints.local;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The model of the local endpoint: {@code PoseOps.modelPath} if set, else the official model downloaded once. */
final class ModelSources {

    static final String HOW_TO_FIX = "Set POSEOPS_MODEL_PATH (config.yml PoseOps.modelPath) to a MoveNet .tflite file, "
            + "e.g. movenet_singlepose_lightning_int8_4.tflite, and restart PoseOps.";

    private ModelSources() {
    }

    static LocalModelSource configuredOrDownloaded(@Nullable Path configured, Path cacheDirectory,
            ModelDownload download) {
        return progress -> {
            if (configured != null) {
                if (!Files.isRegularFile(configured) || !Files.isReadable(configured)) {
                    throw new LocalModelSource.ModelUnavailableException("No model to serve: PoseOps.modelPath "
                            + "(POSEOPS_MODEL_PATH) is " + configured + ", which is not a readable file. "
                            + HOW_TO_FIX);
                }
                return configured;
            }
            try {
                Path model = download.fetch(cacheDirectory, progress);
                if (!Files.isRegularFile(model)) {
                    throw new IllegalStateException("the download left no file at " + model);
                }
                return model;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalModelSource.ModelUnavailableException("The model download was interrupted. "
                        + HOW_TO_FIX);
            } catch (Exception e) {
                throw new LocalModelSource.ModelUnavailableException("No model to serve: PoseOps.modelPath "
                        + "(POSEOPS_MODEL_PATH) is not set and downloading the official MoveNet Thunder model into "
                        + cacheDirectory + " failed (" + oneLine(e.getMessage()) + "). " + HOW_TO_FIX);
            }
        };
    }

    private static String oneLine(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return "no reason given";
        }
        String clean = text.replaceAll("\\s+", " ").strip();
        return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
    }
}
