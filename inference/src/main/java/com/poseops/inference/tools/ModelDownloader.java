package com.poseops.inference.tools;

import com.poseops.inference.ModelLoadException;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Downloads an official MoveNet model into a cache directory and verifies it with the engine's own checks.
 *
 * <pre>{@code
 * HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
 * Path model = new ModelDownloader(http).download(MoveNetVariant.THUNDER_FLOAT16,
 *         Path.of(System.getProperty("user.home"), ".cache/poseops/models"), (read, total) -> { });
 * }</pre>
 *
 * <p>The body goes to {@code <file>.part}; only a complete, verified file is moved (atomically) to its final name,
 * then its SHA-256 is written to {@code <file>.sha256}. A cached file whose sidecar matches is returned without
 * touching the network. Redirects (TF Hub sends the client to Kaggle) are followed even when the given client does
 * not follow them itself. Thread-safe as long as two calls do not download the same variant into the same directory.
 */
public final class ModelDownloader {

    /** Environment variable overriding {@link MoveNetVariant#DEFAULT_BASE_URL} (a mirror; tests). */
    public static final String BASE_URL_ENV = "POSEOPS_MODEL_BASE_URL";
    private static final int MAX_REDIRECTS = 8;
    /** The largest model file accepted: MoveNet Thunder float32 is about 24 MB; nothing official comes near this. */
    public static final long MAX_MODEL_BYTES = 64L * 1024 * 1024;
    /** Until the response headers arrive. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    /** Longest wait for the next bytes of the body. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI baseUrl;

    /** Downloads from TF Hub, or from {@code $POSEOPS_MODEL_BASE_URL} when that is set. */
    public ModelDownloader(HttpClient http) {
        this(http, baseUrlFromEnvironment());
    }

    /** Downloads from {@code baseUrl} + {@link MoveNetVariant#relativePath()} (a mirror, or a test server). */
    public ModelDownloader(HttpClient http, URI baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    private static URI baseUrlFromEnvironment() {
        return baseUrl(System.getenv(BASE_URL_ENV));
    }

    /** The base URL a {@code $POSEOPS_MODEL_BASE_URL} value stands for: TF Hub when it is unset or blank. */
    static URI baseUrl(@Nullable String configured) {
        return URI.create(configured == null || configured.isBlank() ? MoveNetVariant.DEFAULT_BASE_URL
                : configured.trim());
    }

    /** Where {@code variant} is downloaded from by this downloader. */
    public URI urlOf(MoveNetVariant variant) {
        return variant.url(baseUrl);
    }

    /**
     * Returns the verified model file {@code cacheDir/variant.fileName()}, downloading it first unless a verified
     * copy is already there.
     *
     * @throws ModelDownloadException with a message naming the URL and the offline alternatives
     *                                ({@code inference/fetch-model --from FILE}, {@code MODEL_PATH})
     */
    public Path download(MoveNetVariant variant, Path cacheDir, DownloadProgress progress)
            throws ModelDownloadException {
        Path target = cacheDir.resolve(variant.fileName());
        if (VerifiedModel.matchesSidecar(target)) {
            return target;
        }
        return fetchAndVerify(variant, cacheDir, target, progress).file();
    }

    /**
     * As {@link #download}, but returns the model's facts too: those of the verification just done, or, for a cached
     * copy reused without a download, of verifying it now.
     */
    VerifiedModel downloadVerified(MoveNetVariant variant, Path cacheDir, DownloadProgress progress)
            throws ModelDownloadException {
        Path target = cacheDir.resolve(variant.fileName());
        if (VerifiedModel.matchesSidecar(target)) {
            try {
                return VerifiedModel.verify(target);
            } catch (ModelLoadException e) {
                throw new ModelDownloadException(e.getMessage(), e);
            }
        }
        return fetchAndVerify(variant, cacheDir, target, progress);
    }

    /** Downloads into {@code <target>.part}, verifies it, moves it to {@code target} and writes the sidecar. */
    private VerifiedModel fetchAndVerify(MoveNetVariant variant, Path cacheDir, Path target,
                                         DownloadProgress progress) throws ModelDownloadException {
        URI url = urlOf(variant);
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new ModelDownloadException("Cannot create the model cache " + cacheDir.toAbsolutePath() + " ("
                    + e + "). Choose another directory (fetch-model --cache DIR).", e);
        }
        Path part = cacheDir.resolve(variant.fileName() + ".part");
        try {
            fetch(url, part, progress);
            VerifiedModel verified = verify(part, variant, url);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            VerifiedModel stored = verified.withFile(target);
            stored.writeSidecar();
            return stored;
        } catch (IOException e) {
            throw new ModelDownloadException("Could not store the model in " + cacheDir.toAbsolutePath() + " (" + e
                    + "). Check the free space and permissions, or choose another directory (--cache DIR).", e);
        } finally {
            deleteQuietly(part);
        }
    }

    private void fetch(URI url, Path part, DownloadProgress progress) throws ModelDownloadException, IOException {
        URI current = url;
        for (int hop = 0; ; hop++) {
            HttpResponse<InputStream> response = send(url, current);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                response.body().close();
                if (hop >= MAX_REDIRECTS) {
                    throw new ModelDownloadException("Too many redirects downloading " + url + "." + offline(url));
                }
                URI next = current.resolve(location.get());
                if ("https".equalsIgnoreCase(current.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
                    throw new ModelDownloadException("Refused to download " + url + ": " + current.getHost()
                            + " redirected from https to an unencrypted address (" + next.getScheme() + "://"
                            + next.getHost() + "), where the model could be swapped on the way." + offline(url));
                }
                current = next;
                continue;
            }
            try (InputStream body = response.body()) {
                if (status != 200) {
                    throw new ModelDownloadException("Downloading " + url + " failed: the server at "
                            + current.getHost() + " answered HTTP " + status + "." + offline(url));
                }
                String contentType = response.headers().firstValue("Content-Type").orElse("")
                        .toLowerCase(Locale.ROOT);
                if (contentType.startsWith("text/html")) {
                    throw new ModelDownloadException("Downloading " + url + " gave an HTML page (from "
                            + current.getHost() + ") instead of the model: the site may want a sign-in or the"
                            + " acceptance of its terms. Download the .tflite in a browser instead." + offline(url));
                }
                long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (total > MAX_MODEL_BYTES) {
                    throw tooLarge(url, total, true);
                }
                copy(body, part, total, progress, url);
            }
            return;
        }
    }

    private HttpResponse<InputStream> send(URI original, URI current) throws ModelDownloadException {
        HttpRequest request = HttpRequest.newBuilder(current).timeout(REQUEST_TIMEOUT)
                .header("User-Agent", "poseops-fetch-model").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelDownloadException("Download of " + original + " interrupted.", e);
        } catch (IOException | IllegalArgumentException e) { // IAE includes UnresolvedAddressException
            throw new ModelDownloadException("Could not reach " + current.getHost() + " to download " + original
                    + " (" + describe(e) + ")." + offline(original), e);
        }
    }

    private static void copy(InputStream body, Path part, long total, DownloadProgress progress, URI url)
            throws ModelDownloadException, IOException {
        long read = 0;
        progress.update(0, total);
        try (OutputStream out = Files.newOutputStream(part)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = readSome(body, buffer, read, url)) > 0; ) {
                read += n;
                if (read > MAX_MODEL_BYTES) {
                    throw tooLarge(url, read, false);
                }
                out.write(buffer, 0, n);
                progress.update(read, total);
            }
        }
        if (total >= 0 && read != total) {
            throw new ModelDownloadException("The download of " + url + " is incomplete: " + read + " of " + total
                    + " bytes arrived. Try again." + offline(url));
        }
    }

    /**
     * One read with a stall limit: the HTTP client's timeout covers only the response headers, and a connection that
     * stops sending mid-body would block {@code read} forever. The read runs on a virtual thread we stop waiting for.
     */
    private static int readSome(InputStream body, byte[] buffer, long readSoFar, URI url) throws ModelDownloadException {
        java.util.concurrent.FutureTask<Integer> read = new java.util.concurrent.FutureTask<>(() -> body.read(buffer));
        Thread.ofVirtual().name("model-download-read").start(read);
        try {
            return read.get(STALL_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ModelDownloadException("The download of " + url + " broke off after " + readSoFar + " bytes ("
                    + describe(cause) + "). Try again." + offline(url), cause);
        } catch (java.util.concurrent.TimeoutException e) {
            read.cancel(true);
            throw new ModelDownloadException("The download of " + url + " stalled: nothing arrived for "
                    + STALL_TIMEOUT.toSeconds() + " s after " + readSoFar + " bytes. Try again." + offline(url), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            read.cancel(true);
            throw new ModelDownloadException("Download of " + url + " interrupted.", e);
        }
    }

    private static VerifiedModel verify(Path part, MoveNetVariant variant, URI url) throws ModelDownloadException {
        VerifiedModel verified;
        try {
            verified = VerifiedModel.verify(part);
        } catch (ModelLoadException e) {
            throw new ModelDownloadException("The file downloaded from " + url + " is not a usable MoveNet model: "
                    + e.getMessage() + offline(url), e);
        }
        if (verified.inputSize() != variant.inputSize()) {
            throw new ModelDownloadException("The file downloaded from " + url + " is a MoveNet model with a "
                    + verified.inputSize() + "×" + verified.inputSize() + " input, but " + variant.shortName()
                    + " has " + variant.inputSize() + "×" + variant.inputSize() + ". Is the base URL right?");
        }
        return verified;
    }

    /** Said of a body that is (or announces itself as) larger than any MoveNet model; it is not kept. */
    private static ModelDownloadException tooLarge(URI url, long bytes, boolean announced) {
        return new ModelDownloadException("Refused to download " + url + ": it is " + (announced ? "" : "more than ")
                + bytes / (1024 * 1024) + " MB, but a MoveNet model is at most " + MAX_MODEL_BYTES / (1024 * 1024)
                + " MB. Is the base URL right?" + offline(url));
    }

    /** The sentence every failure ends with: how to get a model without this download. */
    static String offline(URI url) {
        return " Without network access: download " + url + " on another machine, then run"
                + " `inference/fetch-model --from FILE` (validates and packs it), or start the server with"
                + " MODEL_PATH=/path/to/model.tflite.";
    }

    private static String describe(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof ConnectException) {
            return "connection refused or no route to the host";
        }
        if (e instanceof UnresolvedAddressException || e instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void deleteQuietly(@Nullable Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover .part is overwritten by the next download.
        }
    }
}
