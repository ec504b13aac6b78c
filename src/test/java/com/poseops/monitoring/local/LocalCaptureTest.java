package com.poseops.monitoring.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.InvocationObserver.RoutedInvocation;
import com.poseops.monitoring.CapturedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * local mode's data capture: SageMaker's JSON Lines format and folder layout, the sampling percentage, a full queue
 * dropping (and counting) instead of waiting, and ids that cannot reach outside the capture folder.
 */
class LocalCaptureTest {

    @TempDir
    Path root;

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x01};
    private static final byte[] PREDICTION = "{\"score\":0.5}".getBytes(StandardCharsets.UTF_8);

    @Test
    void capturesAreWrittenInSageMakersFormatAndReadBackNewestFirst() throws Exception {
        Instant first = Instant.parse("2026-11-29T20:43:12.345Z");
        Instant second = Instant.parse("2026-11-29T21:01:00Z");
        try (LocalCaptureWriter writer = new LocalCaptureWriter(root, "hp-endpoint", true, 100, 1 << 20)) {
            writer.observed(invocation(first, "blue"));
            writer.observed(invocation(second, "green"));
            writer.drain();
            assertThat(writer.written()).isEqualTo(2);

            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            assertThat(files).extracting(p -> root.relativize(p).getParent().toString().replace('\\', '/'))
                    .containsExactly("hp-endpoint/blue/2026/11/29/20", "hp-endpoint/green/2026/11/29/21");
            assertThat(files.getFirst().getFileName().toString()).matches("43-12-345-[0-9a-f]{8}\\.jsonl");
            JsonNode line = JsonMapper.builder().build().readTree(Files.readAllLines(files.getFirst()).getFirst());
            assertThat(line.at("/captureData/endpointInput/observedContentType").asString()).isEqualTo("image/jpeg");
            assertThat(line.at("/captureData/endpointInput/mode").asString()).isEqualTo("INPUT");
            assertThat(line.at("/captureData/endpointInput/encoding").asString()).isEqualTo("BASE64");
            assertThat(line.at("/captureData/endpointOutput/encoding").asString()).isEqualTo("JSON");
            assertThat(line.at("/captureData/endpointOutput/data").asString()).isEqualTo("{\"score\":0.5}");
            assertThat(line.at("/eventMetadata/inferenceTime").asString()).isEqualTo("2026-11-29T20:43:12.345Z");
            assertThat(line.at("/eventVersion").asString()).isEqualTo("0");

            LocalCapturedRequests captures = new LocalCapturedRequests(writer, "hp-endpoint");
            List<CapturedRequest> recent = captures.recent(10);
            assertThat(recent).extracting(CapturedRequest::variant).containsExactly("green", "blue");
            CapturedRequest blue = recent.get(1);
            assertThat(blue.at()).isEqualTo(first);
            assertThat(blue.request()).isEqualTo(JPEG);
            assertThat(blue.response()).isEqualTo(PREDICTION);
            assertThat(captures.find(blue.id())).get().extracting(CapturedRequest::at).isEqualTo(first);
            assertThat(captures.find("../../etc/passwd#1")).isEmpty();
            assertThat(captures.find("blue/2026/11/29/20/nothing.jsonl#1")).isEmpty();
        }
    }

    @Test
    void onlyTheSampledShareIsCapturedAndNothingWhenCaptureIsOff() {
        AtomicInteger draw = new AtomicInteger();
        // a deterministic "random" 0, 10, 20, … 90: 30 % sampling keeps 0, 10, 20
        try (LocalCaptureWriter writer = new LocalCaptureWriter(root, "ep", true, 30, 1 << 20,
                () -> (draw.getAndIncrement() % 10) * 10.0)) {
            for (int i = 0; i < 10; i++) {
                writer.observed(invocation(Instant.parse("2026-11-29T10:00:00Z").plusSeconds(i), "blue"));
            }
            writer.drain();
            assertThat(writer.written()).isEqualTo(3);
        }
        try (LocalCaptureWriter off = new LocalCaptureWriter(root.resolve("off"), "ep", false, 100, 1 << 20)) {
            off.observed(invocation(Instant.now(), "blue"));
            off.drain();
            assertThat(off.written()).isZero();
            assertThat(off.dropped()).isZero();
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() {
        try (LocalCaptureWriter writer = new LocalCaptureWriter(root, "ep", true, 100, 12)) {
            synchronized (writer) { // the writer thread is held up
                for (int i = 0; i < 5; i++) {
                    writer.observed(invocation(Instant.now(), "blue")); // 5 + 13 bytes each: over the 12-byte budget
                }
            }
            assertThat(writer.dropped()).isEqualTo(5);
        }
    }

    private static RoutedInvocation invocation(Instant at, String variant) {
        return new RoutedInvocation(at, "hp-endpoint", variant, "config-1", 200, 9_000, 300, "image/jpeg", JPEG,
                "application/json", PREDICTION);
    }
}
