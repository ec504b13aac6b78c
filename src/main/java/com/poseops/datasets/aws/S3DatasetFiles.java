package com.poseops.datasets.aws;

import com.poseops.datasets.DatasetFiles;
import com.poseops.platform.aws.S3Buckets;
import com.poseops.platform.config.S3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * aws mode: an uploaded set goes to {@code s3://<S3Config.bucketName>/<S3Config.inputDir>datasets/<id>/} (where
 * training jobs read their channels from); a registered prefix is read where it is. AWS errors (after the SDK's own
 * retries with backoff) become messages that name the location.
 */
public final class S3DatasetFiles implements DatasetFiles, AutoCloseable {

    private static final Pattern S3_URI = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");

    private final S3Client s3;
    private final S3Settings settings;
    private final Region region;
    private final boolean createResources;
    private volatile boolean bucketChecked;

    /** @param createResources create the bucket before the first upload when it is missing ({@code Aws.createResources}) */
    public S3DatasetFiles(S3Client s3, S3Settings settings, Region region, boolean createResources) {
        this.s3 = s3;
        this.settings = settings;
        this.region = region;
        this.createResources = createResources;
    }

    @Override
    public String store(String datasetId, List<Path> files) {
        String prefix = S3Settings.key(settings.inputDir(), "datasets/" + datasetId + "/");
        try {
            if (createResources && !bucketChecked) {
                S3Buckets.ensure(s3, settings.bucketName(), region);
                bucketChecked = true;
            }
            for (Path file : files) {
                s3.putObject(r -> r.bucket(settings.bucketName()).key(prefix + file.getFileName()),
                        RequestBody.fromFile(file));
            }
        } catch (SdkException e) {
            throw new IllegalStateException("Could not store the dataset in s3://" + settings.bucketName() + "/"
                    + prefix + ": " + e.getMessage() + ". Check that the bucket exists and the console may write it.", e);
        }
        return "s3://" + settings.bucketName() + "/" + prefix;
    }

    @Override
    public String normalise(String location) {
        Matcher match = S3_URI.matcher(location);
        if (!match.matches()) {
            throw new IllegalArgumentException("Give an S3 prefix like s3://" + settings.bucketName() + "/"
                    + settings.inputDir() + "my-set/ (aws mode).");
        }
        return location.endsWith("/") ? location : location + "/";
    }

    @Override
    public String registrationExample() {
        return "s3://" + settings.bucketName() + "/" + S3Settings.key(settings.inputDir(), "my-set/");
    }

    @Override
    public Path materialise(String location, Path scratch, int maxFiles, long maxBytes) {
        Matcher match = S3_URI.matcher(location);
        if (!match.matches()) {
            throw new IllegalArgumentException(location + " is not an S3 prefix");
        }
        String bucket = match.group(1);
        String prefix = match.group(2);
        try {
            List<S3Object> objects = s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()
                    .stream().filter(o -> !o.key().endsWith("/")).limit(maxFiles + 1L).toList();
            if (objects.isEmpty()) {
                throw new IllegalArgumentException("Nothing is stored under " + location + ".");
            }
            if (objects.size() > maxFiles) {
                throw new IllegalArgumentException(location + " holds more than " + maxFiles + " files.");
            }
            long total = objects.stream().mapToLong(S3Object::size).sum();
            if (total > maxBytes) {
                throw new IllegalArgumentException(location + " holds " + total / (1024 * 1024) + " MB; at most "
                        + maxBytes / (1024 * 1024) + " MB are read.");
            }
            Path root = scratch.toAbsolutePath().normalize();
            for (S3Object object : objects) {
                Path file = root.resolve(object.key().substring(prefix.length())).normalize();
                if (!file.startsWith(root)) {
                    continue;
                }
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
                s3.getObject(r -> r.bucket(bucket).key(object.key()), file);
            }
            return root;
        } catch (SdkException e) {
            throw new IllegalArgumentException("Cannot read " + location + ": " + e.getMessage()
                    + ". Check the prefix and that the console's role may read it.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not download " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(String location, String relativePath) {
        Matcher match = S3_URI.matcher(location);
        if (!match.matches() || relativePath.contains("..")) {
            throw new IllegalArgumentException(location + relativePath + " is not a file of a dataset");
        }
        try {
            return s3.getObjectAsBytes(r -> r.bucket(match.group(1)).key(match.group(2) + relativePath)).asByteArray();
        } catch (SdkException e) {
            throw new IllegalArgumentException("Cannot read " + location + relativePath + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
