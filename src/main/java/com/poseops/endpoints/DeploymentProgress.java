package com.poseops.endpoints;

import com.poseops.endpoints.EndpointDescription.Variant;
import com.poseops.endpoints.EndpointDescription.VariantStatus;
import com.poseops.endpoints.EndpointDescription.VariantStatusCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A deployment in progress as steps a person can follow — new fleet starting → traffic at x % → baking until
 * hh:mm:ss → … → old fleet stopping → done — with how far along it is and about how long is left. Read from the
 * pending deployment's variant status (SageMaker's Creating / ActivatingTraffic / Baking / Deleting) and its weight,
 * the same way for both modes.
 *
 * @param steps    every step, in order
 * @param current  index of the step going on now
 * @param fraction 0..1, for a progress bar
 * @param timeLeft the bakes and waits still ahead (null while the new fleet starts: how long that takes is unknown)
 */
public record DeploymentProgress(List<Step> steps, int current, double fraction, @Nullable Duration timeLeft,
        @Nullable Instant bakingUntil) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    public enum State { DONE, CURRENT, TODO }

    public record Step(String label, State state) {
    }

    public DeploymentProgress {
        steps = List.copyOf(steps);
    }

    public static DeploymentProgress of(Deployment deployment, @Nullable EndpointDescription endpoint, Instant now) {
        DeploymentPolicy policy = deployment.policy();
        List<String> labels = new ArrayList<>();
        if (deployment.kind() == Deployment.Kind.CREATE) {
            labels.add("Endpoint creating");
            labels.add("Done");
            boolean serving = endpoint != null && endpoint.status() == EndpointDescription.Status.IN_SERVICE;
            return build(labels, serving ? 1 : 0, serving ? 1 : 0, null, null);
        }
        labels.add("New fleet starting");
        List<Integer> shares = policy.trafficSteps();
        for (int share : shares) {
            labels.add("Traffic at " + share + " %");
            labels.add("Baking " + policy.waitIntervalSeconds() + " s");
        }
        if (policy.terminationWaitSeconds() > 0) {
            labels.add("Termination wait " + policy.terminationWaitSeconds() + " s");
        }
        labels.add("Old fleet stopping");
        labels.add("Done");

        Variant green = endpoint == null || endpoint.pendingDeployment() == null
                || endpoint.pendingDeployment().variants().isEmpty() ? null
                : endpoint.pendingDeployment().variants().getFirst();
        VariantStatus status = green == null ? null : green.statuses().stream()
                .max(Comparator.comparing(VariantStatus::startTime)).orElse(null);
        if (status == null || status.status() == VariantStatusCode.CREATING || status.status()
                == VariantStatusCode.UPDATING) {
            return build(labels, 0, 0, null, null);
        }
        int oldFleet = labels.size() - 2;
        if (status.status() == VariantStatusCode.DELETING) {
            return build(labels, oldFleet, (double) oldFleet / (labels.size() - 1), Duration.ZERO, null);
        }
        int stepIndex = closestStep(shares, Math.max(green.currentWeight(), green.desiredWeight()) * 100);
        long waitsAhead = (long) (shares.size() - stepIndex - 1) * policy.waitIntervalSeconds()
                + policy.terminationWaitSeconds();
        int trafficIndex = 1 + 2 * stepIndex;
        boolean allShifted = stepIndex == shares.size() - 1;
        if (status.status() == VariantStatusCode.ACTIVATING_TRAFFIC) {
            return build(labels, trafficIndex, (double) trafficIndex / (labels.size() - 1),
                    Duration.ofSeconds(waitsAhead + policy.waitIntervalSeconds()), null);
        }
        Instant bakeEnd = status.startTime().plusSeconds(policy.waitIntervalSeconds());
        boolean terminationWait = allShifted && policy.terminationWaitSeconds() > 0 && !now.isBefore(bakeEnd)
                && status.message() != null && status.message().contains("termination wait");
        if (terminationWait) {
            int index = labels.size() - 3;
            Instant end = status.startTime().plusSeconds(policy.terminationWaitSeconds());
            return build(labels, index, (double) index / (labels.size() - 1), positive(Duration.between(now, end)),
                    null);
        }
        Duration bakeLeft = positive(Duration.between(now, bakeEnd));
        double inBake = policy.waitIntervalSeconds() == 0 ? 1
                : 1 - (double) bakeLeft.toMillis() / (policy.waitIntervalSeconds() * 1000.0);
        int bakeIndex = trafficIndex + 1;
        labels.set(bakeIndex, "Baking until " + CLOCK.format(bakeEnd));
        return build(labels, bakeIndex, (bakeIndex + Math.max(0, Math.min(1, inBake))) / (labels.size() - 1),
                bakeLeft.plusSeconds(waitsAhead), bakeEnd);
    }

    private static int closestStep(List<Integer> shares, double percent) {
        int best = 0;
        for (int i = 0; i < shares.size(); i++) {
            if (Math.abs(shares.get(i) - percent) < Math.abs(shares.get(best) - percent)) {
                best = i;
            }
        }
        return best;
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static DeploymentProgress build(List<String> labels, int current, double fraction,
            @Nullable Duration timeLeft, @Nullable Instant bakingUntil) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            steps.add(new Step(labels.get(i), i < current ? State.DONE : i == current ? State.CURRENT : State.TODO));
        }
        return new DeploymentProgress(steps, current, Math.max(0, Math.min(1, fraction)), timeLeft, bakingUntil);
    }

    /** The current step's label, e.g. "Baking until 12:04:05". */
    public String currentLabel() {
        return steps.get(current).label();
    }
}
