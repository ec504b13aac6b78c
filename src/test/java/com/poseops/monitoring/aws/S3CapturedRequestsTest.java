package com.poseops.monitoring.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.monitoring.CaptureFormat;
import com.poseops.monitoring.CapturedRequest;
import com.poseops.platform.config.S3Settings;
import com.poseops.testsupport.MotoServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * aws mode's captured requests against moto's S3: files laid out as SageMaker's DataCaptureConfig writes them are
 * found newest first, across variants and hours, and opened by id.
 */
class S3CapturedRequestsTest {

    @RegisterExtension
    static MotoServer moto = new MotoServer();

    @Test
    void theNewestCapturesOfEveryVariantAreFoundAndOpened() {
        S3Settings settings = new S3Settings("captures-bucket", "inputdata/", "hp/", "realtime/", "prediction/",
                "model/", "endpoint/data_capture", "endpoint/tensors");
        try (S3Client s3 = moto.awsClients().build(S3Client.builder())) {
            s3.createBucket(r -> r.bucket("captures-bucket"));
            Instant now = Instant.now();
            Instant hourAgo = now.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
            put(s3, "endpoint/data_capture/hp-endpoint/AllTraffic/" + CaptureFormat.hourPath(hourAgo)
                    + "/10-00-000-a.jsonl", hourAgo, hourAgo.plusSeconds(1));
            put(s3, "endpoint/data_capture/hp-endpoint/Canary/" + CaptureFormat.hourPath(now) + "/00-00-000-b.jsonl",
                    now.truncatedTo(ChronoUnit.SECONDS));
            put(s3, "endpoint/data_capture/other-endpoint/AllTraffic/" + CaptureFormat.hourPath(now) + "/x.jsonl",
                    now);
            S3CapturedRequests captures = new S3CapturedRequests(s3, settings, "hp-endpoint", Clock.systemUTC());

            List<CapturedRequest> recent = captures.recent(10);

            assertThat(recent).extracting(CapturedRequest::variant).containsExactly("Canary", "AllTraffic",
                    "AllTraffic");
            assertThat(recent.get(1).at()).isEqualTo(hourAgo.plusSeconds(1));
            assertThat(recent.get(1).request()).isEqualTo(new byte[] {1, 2, 3});
            assertThat(captures.find(recent.get(2).id())).get().extracting(CapturedRequest::at).isEqualTo(hourAgo);
            assertThat(captures.find("endpoint/data_capture/other-endpoint/AllTraffic/x.jsonl#1")).isEmpty();
            assertThat(captures.recent(1)).hasSize(1);
        }
    }

    private static void put(S3Client s3, String key, Instant... times) {
        StringBuilder lines = new StringBuilder();
        for (Instant at : times) {
            lines.append(CaptureFormat.line(at, "image/jpeg", new byte[] {1, 2, 3}, "application/json",
                    "{\"score\":1}".getBytes(StandardCharsets.UTF_8))).append('\n');
        }
        s3.putObject(r -> r.bucket("captures-bucket").key(key), RequestBody.fromString(lines.toString()));
    }
}
