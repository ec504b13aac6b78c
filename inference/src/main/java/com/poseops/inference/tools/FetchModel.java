package com.poseops.inference.tools;

import com.poseops.inference.ModelLoadException;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code inference/fetch-model}: downloads the official MoveNet model (or takes a local file with {@code --from}),
 * verifies it with the engine's checks, records its SHA-256 next to it and optionally packs {@code model.tar.gz} for
 * SageMaker. Exit status 0 on success, 1 when the model cannot be obtained or is not usable, 2 for a usage error.
 */
public final class FetchModel {

    static final String USAGE = """
            Usage: inference/fetch-model [--variant thunder|lightning] [--cache DIR] [--from FILE] [--pack FILE]
              --variant   which official MoveNet SinglePose float16 model to download (default: thunder)
              --cache     model cache directory (default: ~/.cache/poseops/models)
              --from      use this local .tflite instead of downloading (validated, copied into the cache)
              --pack      also write a SageMaker model.tar.gz (one entry: model.tflite) to FILE
            Environment: POSEOPS_MODEL_BASE_URL replaces https://tfhub.dev/ (a mirror).""";

    private FetchModel() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The command with its environment and streams given (for tests); returns the exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        MoveNetVariant variant = MoveNetVariant.THUNDER_FLOAT16;
        Path cache = defaultCache(env);
        Path from = null;
        Path pack = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--variant" -> variant = MoveNetVariant.ofShortName(value(args, ++i, arg));
                    case "--cache" -> cache = Path.of(value(args, ++i, arg));
                    case "--from" -> from = Path.of(value(args, ++i, arg));
                    case "--pack" -> pack = Path.of(value(args, ++i, arg));
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("Unknown argument: " + arg);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("fetch-model: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            VerifiedModel model = from != null ? adopt(from, cache) : download(variant, cache, env, err);
            out.println("Model:  " + model.file().toAbsolutePath());
            out.println("SHA256: " + model.sha256() + "  (recorded in " + VerifiedModel.sidecar(model.file())
                    .getFileName() + ")");
            out.println("Input:  " + model.inputSize() + "×" + model.inputSize() + " " + model.inputType());
            if (pack != null) {
                pack(model.file(), pack);
                out.println("Packed: " + pack.toAbsolutePath() + " (entry " + ModelArchive.ENTRY_NAME
                        + "; SageMaker unpacks it into /opt/ml/model)");
            }
            return 0;
        } catch (ModelDownloadException e) {
            err.println("fetch-model: " + e.getMessage());
            return 1;
        }
    }

    private static VerifiedModel download(MoveNetVariant variant, Path cache, Map<String, String> env,
                                          PrintStream err) throws ModelDownloadException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(15)).build();
        ModelDownloader downloader = new ModelDownloader(http,
                ModelDownloader.baseUrl(env.get(ModelDownloader.BASE_URL_ENV)));
        err.println("Downloading MoveNet " + variant.shortName() + " float16 from " + downloader.urlOf(variant));
        return downloader.downloadVerified(variant, cache, new ConsoleProgress(err));
    }

    /** Verifies a local model and copies it (with its sidecar) into the cache, unless it already is there. */
    private static VerifiedModel adopt(Path from, Path cache) throws ModelDownloadException {
        VerifiedModel verified;
        try {
            verified = VerifiedModel.verify(from);
        } catch (ModelLoadException e) {
            throw new ModelDownloadException(e.getMessage(), e);
        }
        Path target = cache.resolve(from.getFileName());
        try {
            Files.createDirectories(cache);
            if (!Files.exists(target) || !Files.isSameFile(from, target)) {
                Path part = cache.resolve(from.getFileName() + ".part");
                Files.copy(from, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            VerifiedModel cached = verified.withFile(target);
            cached.writeSidecar();
            return cached;
        } catch (IOException e) {
            throw new ModelDownloadException("Could not copy " + from + " into the cache " + cache.toAbsolutePath()
                    + " (" + e + "). Choose another directory with --cache DIR.", e);
        }
    }

    private static void pack(Path model, Path archive) throws ModelDownloadException {
        Path part = archive.resolveSibling(archive.getFileName() + ".part");
        try {
            Path parent = archive.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ModelArchive.write(model, part);
            Files.move(part, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ModelDownloadException("Could not write " + archive.toAbsolutePath() + " (" + e + ").", e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // nothing more to clean up
            }
        }
    }

    static Path defaultCache(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".cache", "poseops", "models");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** Prints a line every 10 % (or every 4 MB when the size is unknown). */
    private static final class ConsoleProgress implements DownloadProgress {
        private final PrintStream err;
        private long nextReport;

        ConsoleProgress(PrintStream err) {
            this.err = err;
        }

        @Override
        public void update(long bytesRead, long totalBytes) {
            if (bytesRead < nextReport) {
                return;
            }
            if (totalBytes > 0) {
                err.printf(Locale.ROOT, "  %3d %%  %,d of %,d bytes%n", bytesRead * 100 / totalBytes, bytesRead,
                        totalBytes);
                nextReport = bytesRead + Math.max(1, totalBytes / 10);
            } else {
                err.printf(Locale.ROOT, "  %,d bytes%n", bytesRead);
                nextReport = bytesRead + 4L * 1024 * 1024;
            }
        }
    }
}
