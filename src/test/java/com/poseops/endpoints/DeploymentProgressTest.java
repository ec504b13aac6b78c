package com.poseops.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.Deployment.Outcome;
import com.poseops.endpoints.DeploymentPolicy.TrafficRouting;
import com.poseops.endpoints.EndpointDescription.Status;
import com.poseops.endpoints.EndpointDescription.Variant;
import com.poseops.endpoints.EndpointDescription.VariantStatus;
import com.poseops.endpoints.EndpointDescription.VariantStatusCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The steps a person follows on the page, read from the pending deployment's variant status and weight. */
class DeploymentProgressTest {

    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    private static final DeploymentPolicy LINEAR = new DeploymentPolicy(TrafficRouting.LINEAR, 50, 60, 0, 600, true);

    @Test
    void whileTheNewFleetStartsTheFirstStepIsCurrentAndTheTimeLeftUnknown() {
        DeploymentProgress progress = DeploymentProgress.of(deployment(LINEAR),
                updating(VariantStatusCode.CREATING, START, 0, 0), START.plusSeconds(5));
        assertThat(progress.steps()).extracting(DeploymentProgress.Step::label).containsExactly("New fleet starting",
                "Traffic at 50 %", "Baking 60 s", "Traffic at 100 %", "Baking 60 s", "Old fleet stopping", "Done");
        assertThat(progress.current()).isZero();
        assertThat(progress.timeLeft()).isNull();
        assertThat(progress.fraction()).isZero();
    }

    @Test
    void bakingTheFirstStepSaysUntilWhenAndCountsTheRemainingBakes() {
        Instant bakeStart = START.plusSeconds(20);
        DeploymentProgress progress = DeploymentProgress.of(deployment(LINEAR),
                updating(VariantStatusCode.BAKING, bakeStart, 0.5, 0.5), bakeStart.plusSeconds(15));
        String until = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault())
                .format(bakeStart.plusSeconds(60));
        assertThat(progress.currentLabel()).isEqualTo("Baking until " + until);
        assertThat(progress.steps().get(1).state()).isEqualTo(DeploymentProgress.State.DONE);
        assertThat(progress.timeLeft()).isEqualTo(Duration.ofSeconds(45 + 60));
        assertThat(progress.bakingUntil()).isEqualTo(bakeStart.plusSeconds(60));
        assertThat(progress.fraction()).isBetween(2.0 / 6, 3.0 / 6);
    }

    @Test
    void theLastBakeThenTheOldFleetStoppingThenNothingLeft() {
        Instant bakeStart = START.plusSeconds(100);
        DeploymentProgress lastBake = DeploymentProgress.of(deployment(LINEAR),
                updating(VariantStatusCode.BAKING, bakeStart, 1.0, 1.0), bakeStart.plusSeconds(30));
        assertThat(lastBake.current()).isEqualTo(4);
        assertThat(lastBake.timeLeft()).isEqualTo(Duration.ofSeconds(30));
        DeploymentProgress stopping = DeploymentProgress.of(deployment(LINEAR),
                updating(VariantStatusCode.DELETING, bakeStart.plusSeconds(61), 1.0, 1.0), bakeStart.plusSeconds(62));
        assertThat(stopping.currentLabel()).isEqualTo("Old fleet stopping");
        assertThat(stopping.timeLeft()).isZero();
    }

    private static Deployment deployment(DeploymentPolicy policy) {
        ServedModel v1 = new ServedModel("m-v1", 1, "file:/v1.tflite", null);
        ServedModel v2 = new ServedModel("m-v2", 2, "file:/v2.tflite", null);
        return new Deployment("id", "e", Deployment.Kind.DEPLOY, v1, v2, "c1", "c2", policy, List.of(), "dora", START,
                null, Outcome.IN_PROGRESS, null);
    }

    private static EndpointDescription updating(VariantStatusCode code, Instant since, double weight, double desired) {
        ServedModel v1 = new ServedModel("m-v1", 1, "file:/v1.tflite", null);
        ServedModel v2 = new ServedModel("m-v2", 2, "file:/v2.tflite", null);
        return new EndpointDescription("e", Status.UPDATING, null, "c1", List.of(new Variant("blue", v1,
                "ml.m5.xlarge", 1, 1, 1 - weight, 1 - desired, List.of())),
                new EndpointDescription.PendingDeployment("c2", START, List.of(new Variant("green", v2,
                        "ml.m5.xlarge", 1, 1, weight, desired, List.of(new VariantStatus(code, null, since))))),
                START, START);
    }
}
