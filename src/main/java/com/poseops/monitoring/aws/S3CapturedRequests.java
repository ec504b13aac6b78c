package com.poseops.monitoring.aws;

import com.poseops.monitoring.CaptureFormat;
import com.poseops.monitoring.CapturedRequest;
import com.poseops.monitoring.CapturedRequests;
import com.poseops.monitoring.MetricsUnavailableException;
import com.poseops.platform.config.S3Settings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * aws mode's captured requests: the JSON Lines files SageMaker's {@code DataCaptureConfig} writes to
 * {@code s3://<bucket>/<S3Config.dataCapture>/<endpoint>/<variant>/yyyy/MM/dd/HH/…jsonl}. The newest are found by
 * listing the hours backwards (at most {@link #LOOK_BACK}), newest file first.
 */
public class S3CapturedRequests implements CapturedRequests {

    /** How far back {@link #recent} looks for captures. */
    static final Duration LOOK_BACK = Duration.ofHours(24);

    private final S3Client s3;
    private final String bucket;
    private final String endpointPrefix;
    private final Clock clock;

    public S3CapturedRequests(S3Client s3, S3Settings settings, String endpointName, Clock clock) {
        this.s3 = s3;
        this.bucket = settings.bucketName();
        this.endpointPrefix = S3Settings.key(settings.dataCapture(), endpointName) + "/";
        this.clock = clock;
    }

    @Override
    public List<CapturedRequest> recent(int limit) {
        try {
            List<String> variants = s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(endpointPrefix)
                            .delimiter("/"))
                    .commonPrefixes().stream().map(CommonPrefix::prefix).toList();
            List<CapturedRequest> found = new ArrayList<>();
            Instant now = clock.instant();
            for (Instant hour = now; !hour.isBefore(now.minus(LOOK_BACK)) && found.size() < limit;
                    hour = hour.minus(Duration.ofHours(1))) {
                List<S3Object> objects = new ArrayList<>();
                for (String variantPrefix : variants) {
                    String hourPrefix = variantPrefix + CaptureFormat.hourPath(hour) + "/";
                    s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(hourPrefix)).contents()
                            .forEach(objects::add);
                }
                objects.sort(Comparator.comparing((S3Object o) -> o.key().substring(o.key().lastIndexOf('/')))
                        .reversed());
                for (S3Object object : objects) {
                    List<CapturedRequest> captures = read(object.key());
                    for (int i = captures.size() - 1; i >= 0; i--) {
                        found.add(captures.get(i));
                    }
                    if (found.size() >= limit * 2) {
                        break;
                    }
                }
            }
            found.sort(Comparator.comparing(CapturedRequest::at).reversed());
            return List.copyOf(found.subList(0, Math.min(limit, found.size())));
        } catch (SdkException e) {
            throw new MetricsUnavailableException("The captured requests could not be read from s3://" + bucket + "/"
                    + endpointPrefix + " (" + e.getMessage() + ") — check that PoseOps may list and read that "
                    + "prefix (s3:ListBucket, s3:GetObject).", e);
        }
    }

    @Override
    public Optional<CapturedRequest> find(String id) {
        int hash = id.lastIndexOf('#');
        if (hash < 0 || !id.startsWith(endpointPrefix) || id.contains("..")) {
            return Optional.empty();
        }
        String key = id.substring(0, hash);
        try {
            return read(key).stream().filter(c -> c.id().equals(id)).findFirst();
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public long dropped() {
        return 0;
    }

    private List<CapturedRequest> read(String key) {
        String variant = key.substring(endpointPrefix.length()).split("/", 2)[0];
        String text = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        List<CapturedRequest> captures = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                CaptureFormat.parse(key + "#" + (i + 1), variant, lines[i]).ifPresent(captures::add);
            }
        }
        return captures;
    }
}
