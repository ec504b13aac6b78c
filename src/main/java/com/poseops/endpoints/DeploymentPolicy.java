package com.poseops.endpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a deployment shifts traffic from the serving (blue) fleet to the new (green) one: SageMaker's
 * {@code BlueGreenUpdatePolicy} with its {@code TrafficRoutingConfiguration}, and whether the rollback alarms guard it
 * ({@code AutoRollbackConfiguration}). The same policy drives the local control plane.
 * <p>
 * SageMaker's limits are checked here, once, for the dialog and the server alike (stack.md, "SageMaker endpoints,
 * deployments and events"): canary size 1–50 % of the fleet, linear step 10–50 %, every wait 0–3600 s, maximum
 * execution time 600–28800 s and longer than all the waits together.
 *
 * @param routing                    all at once, canary or linear
 * @param stepPercent                canary: the canary's share of capacity; linear: the size of each step; all at
 *                                   once: 100
 * @param waitIntervalSeconds        bake time after each traffic step (SageMaker's {@code WaitIntervalInSeconds})
 * @param terminationWaitSeconds     time the old fleet is kept after the last step ({@code TerminationWaitInSeconds})
 * @param maximumExecutionSeconds    the deployment fails (and rolls back) when it takes longer
 *                                   ({@code MaximumExecutionTimeoutInSeconds})
 * @param autoRollback               whether the rollback alarms (latency over {@code ModelMonitoring.threshold}, 5xx
 *                                   rate) are attached; without alarms there is no automatic rollback
 */
public record DeploymentPolicy(TrafficRouting routing, int stepPercent, int waitIntervalSeconds,
        int terminationWaitSeconds, int maximumExecutionSeconds, boolean autoRollback) {

    public static final int MAX_WAIT_SECONDS = 3600;
    public static final int MIN_EXECUTION_SECONDS = 600;
    public static final int MAX_EXECUTION_SECONDS = 28800;
    public static final int MAX_CANARY_PERCENT = 50;
    public static final int MIN_LINEAR_PERCENT = 10;
    public static final int MAX_LINEAR_PERCENT = 50;

    /** SageMaker's traffic routing types. */
    public enum TrafficRouting {
        ALL_AT_ONCE("All at once"), CANARY("Canary"), LINEAR("Linear");

        private final String label;

        TrafficRouting(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public DeploymentPolicy {
        Objects.requireNonNull(routing, "routing");
        List<String> problems = problems(routing, stepPercent, waitIntervalSeconds, terminationWaitSeconds,
                maximumExecutionSeconds);
        if (!problems.isEmpty()) {
            throw new InvalidDeploymentPolicyException(problems);
        }
    }

    /**
     * The default, what an ML engineer expects of a model rollout: a canary of 10 % of the traffic baked for 5
     * minutes under the rollback alarms, then the rest, baked another 5 minutes; the old fleet goes at once after
     * that; at most an hour. All traffic is on the new version about 5 minutes after its fleet answers.
     */
    public static DeploymentPolicy defaults() {
        return new DeploymentPolicy(TrafficRouting.CANARY, 10, 300, 0, 3600, true);
    }

    /** The traffic steps on the new fleet, in percent, in order (e.g. linear 30 % → 30, 60, 90, 100). */
    public List<Integer> trafficSteps() {
        return trafficSteps(routing, stepPercent);
    }

    /** Every bake together: one wait after each traffic step (SageMaker also bakes after the last). */
    public long totalWaitSeconds() {
        return totalWaitSeconds(routing, stepPercent, waitIntervalSeconds, terminationWaitSeconds);
    }

    private static long totalWaitSeconds(TrafficRouting routing, int stepPercent, int wait, int termination) {
        return (long) trafficSteps(routing, stepPercent).size() * wait + termination;
    }

    private static List<Integer> trafficSteps(TrafficRouting routing, int stepPercent) {
        List<Integer> steps = new ArrayList<>();
        switch (routing) {
            case ALL_AT_ONCE -> steps.add(100);
            case CANARY -> {
                steps.add(stepPercent);
                steps.add(100);
            }
            case LINEAR -> {
                for (int share = stepPercent; share < 100; share += stepPercent) {
                    steps.add(share);
                }
                steps.add(100);
            }
        }
        return List.copyOf(steps);
    }

    /**
     * What is wrong with these values, one sentence per problem naming the field and the allowed range (empty when
     * they are valid). The deploy dialog shows the same sentences as the server's refusal.
     */
    public static List<String> problems(TrafficRouting routing, int stepPercent, int waitIntervalSeconds,
            int terminationWaitSeconds, int maximumExecutionSeconds) {
        List<String> problems = new ArrayList<>();
        switch (routing) {
            case ALL_AT_ONCE -> {
                if (stepPercent != 100) {
                    problems.add("All at once moves 100 % of the traffic in one step (step size must be 100 %).");
                }
            }
            case CANARY -> {
                if (stepPercent < 1 || stepPercent > MAX_CANARY_PERCENT) {
                    problems.add("Canary size must be 1–" + MAX_CANARY_PERCENT + " % of the fleet (SageMaker's "
                            + "limit); it is " + stepPercent + " %.");
                }
            }
            case LINEAR -> {
                if (stepPercent < MIN_LINEAR_PERCENT || stepPercent > MAX_LINEAR_PERCENT) {
                    problems.add("Linear step must be " + MIN_LINEAR_PERCENT + "–" + MAX_LINEAR_PERCENT
                            + " % of the fleet (SageMaker's limit); it is " + stepPercent + " %.");
                }
            }
        }
        if (waitIntervalSeconds < 0 || waitIntervalSeconds > MAX_WAIT_SECONDS) {
            problems.add("Bake time must be 0–" + MAX_WAIT_SECONDS + " s; it is " + waitIntervalSeconds + " s.");
        }
        if (terminationWaitSeconds < 0 || terminationWaitSeconds > MAX_WAIT_SECONDS) {
            problems.add("Termination wait must be 0–" + MAX_WAIT_SECONDS + " s; it is " + terminationWaitSeconds
                    + " s.");
        }
        if (maximumExecutionSeconds < MIN_EXECUTION_SECONDS || maximumExecutionSeconds > MAX_EXECUTION_SECONDS) {
            problems.add("Maximum execution time must be " + MIN_EXECUTION_SECONDS + "–" + MAX_EXECUTION_SECONDS
                    + " s; it is " + maximumExecutionSeconds + " s.");
        } else if (problems.isEmpty()) {
            long waits = totalWaitSeconds(routing, stepPercent, waitIntervalSeconds, terminationWaitSeconds);
            if (maximumExecutionSeconds <= waits) {
                problems.add("Maximum execution time (" + maximumExecutionSeconds + " s) must be longer than all "
                        + "the bake and termination waits together (" + waits + " s).");
            }
        }
        return List.copyOf(problems);
    }
}
