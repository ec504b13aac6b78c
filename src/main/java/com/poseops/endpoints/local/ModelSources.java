package com.poseops.endpoints.local;

import java.nio.file.Files;
import java.nio.file.Path;
import com.poseops.platform.Throwables;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The model of the local endpoint: {@code PoseOps.modelPath} if set, else the official model downloaded once. */
final class ModelSources {

    private static final Logger log = LoggerFactory.getLogger(ModelSources.class);

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
                // The page gets one short sentence of what failed and what to do; the downloader's full account
                // (URLs, offline instructions) goes to the log, where it is not cut.
                log.warn("Downloading the official MoveNet model into {} failed: {}", cacheDirectory, e.getMessage());
                throw new LocalModelSource.ModelUnavailableException("No model to serve: POSEOPS_MODEL_PATH is not "
                        + "set and the official MoveNet model could not be downloaded (" + reason(e) + "). " + HOW_TO_FIX);
            }
        };
    }

    /** Why the download failed, in a few words for the page: whole or not at all (the log has the full account). */
    private static String reason(Exception e) {
        if (offline(e)) {
            return "no network connection";
        }
        if (Throwables.find(e, com.poseops.inference.ModelLoadException.class) != null) {
            return "the downloaded file is not a usable MoveNet model";
        }
        String message = e.getMessage();
        if (message != null && message.length() <= 120 && !message.contains("\n") && !message.contains("://")) {
            return message.strip();
        }
        return "see the console log";
    }

    /** Whether the download failed because this machine cannot reach the server at all. */
    private static boolean offline(Throwable e) {
        return Throwables.find(e, java.net.ConnectException.class) != null
                || Throwables.find(e, java.net.UnknownHostException.class) != null
                || Throwables.find(e, java.net.http.HttpConnectTimeoutException.class) != null
                || Throwables.find(e, java.nio.channels.UnresolvedAddressException.class) != null
                || Throwables.find(e, java.net.NoRouteToHostException.class) != null;
    }
}
