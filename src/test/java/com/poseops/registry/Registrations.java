package com.poseops.registry;

import com.poseops.platform.security.Role;
import com.poseops.testsupport.Users;
import java.time.Duration;
import java.time.Instant;

/** Registering the Lightning model as a user, and waiting for the evaluation that registering starts. */
public final class Registrations {

    private static final Duration EVALUATION_TIMEOUT = Duration.ofSeconds(120);

    private Registrations() {
    }

    /** Registers the Lightning int8 model as {@code m.tflite}, as {@code user} with the deployer role. */
    public static ModelVersion register(RegistryService service, String user, String description) {
        return Users.as(user, Role.DEPLOYER, () -> service.register(TestModels.lightning(), "m.tflite", description));
    }

    /** Waits up to 120 s until the version has metrics. */
    public static void awaitMetrics(RegistryService service, int version) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVALUATION_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!service.describe(version).orElseThrow().metrics().isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no metrics for version " + version + " after 120 s: " + service.evaluation(version));
    }

    /** Waits up to 120 s until the version's evaluation is no longer running, and returns it. */
    public static EvaluationStatus awaitEvaluation(RegistryService service, int version) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVALUATION_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            EvaluationStatus status = service.evaluation(version).orElse(null);
            if (status != null && status.state() != EvaluationStatus.State.RUNNING) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the evaluation of version " + version + " did not finish in 120 s: "
                + service.evaluation(version));
    }
}
