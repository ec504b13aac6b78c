package com.poseops.endpoints.local;

import com.poseops.inference.tools.ModelDownloader;
import com.poseops.inference.tools.MoveNetVariant;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.DoubleConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The official MoveNet Thunder float16 model from TF Hub (or {@code POSEOPS_MODEL_BASE_URL}), downloaded and verified
 * by the inference tools' {@link ModelDownloader}; a verified copy in the cache is used without the network.
 */
public final class OfficialModelDownload implements ModelDownload {

    static final MoveNetVariant VARIANT = MoveNetVariant.THUNDER_FLOAT16;

    private final ModelDownloader downloader;

    private OfficialModelDownload(ModelDownloader downloader) {
        this.downloader = downloader;
    }

    /** From TF Hub, or from {@code $POSEOPS_MODEL_BASE_URL} when set. */
    public static OfficialModelDownload fromTfHub() {
        return new OfficialModelDownload(new ModelDownloader(http()));
    }

    /** From a mirror (tests). */
    public static OfficialModelDownload from(URI baseUrl) {
        return new OfficialModelDownload(new ModelDownloader(http(), baseUrl));
    }

    @Override
    public Path fetch(Path cacheDirectory, DoubleConsumer progress) throws Exception {
        return downloader.download(VARIANT, cacheDirectory, new Throttled(progress));
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Passes on whole percents only: every status change is pushed to every open Pose page. */
    private static final class Throttled implements com.poseops.inference.tools.DownloadProgress {

        private final DoubleConsumer progress;
        private @Nullable Long lastPercent;

        Throttled(DoubleConsumer progress) {
            this.progress = progress;
        }

        @Override
        public void update(long bytesRead, long totalBytes) {
            if (totalBytes <= 0) {
                return;
            }
            long percent = Math.min(100, bytesRead * 100 / totalBytes);
            if (lastPercent == null || percent != lastPercent) {
                lastPercent = percent;
                progress.accept(percent / 100.0);
            }
        }
    }
}
