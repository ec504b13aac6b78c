package com.poseops.endpoints;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What SageMaker's {@code DescribeEndpoint} says about the endpoint, in its own words, the same in both modes: the
 * aws adapter copies SageMaker's answer, the local control plane describes its processes the same way.
 *
 * @param endpointConfigName the configuration that serves now (during a blue/green deployment: the old one, blue)
 * @param variants           the production variants of {@code endpointConfigName} with their weights and statuses
 * @param pendingDeployment  SageMaker's {@code PendingDeploymentSummary}: the configuration being rolled out, while a
 *                           deployment is in progress; null otherwise
 * @param failureReason      why the endpoint (or the last update) failed, when SageMaker says
 */
public record EndpointDescription(String endpointName, Status status, @Nullable String failureReason,
        String endpointConfigName, List<Variant> variants, @Nullable PendingDeployment pendingDeployment,
        Instant creationTime, Instant lastModifiedTime) {

    public EndpointDescription {
        Objects.requireNonNull(endpointName, "endpointName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(endpointConfigName, "endpointConfigName");
        variants = List.copyOf(variants);
    }

    /** SageMaker's {@code EndpointStatus}, with the label SageMaker shows. */
    public enum Status {
        CREATING("Creating"),
        UPDATING("Updating"),
        SYSTEM_UPDATING("SystemUpdating"),
        ROLLING_BACK("RollingBack"),
        IN_SERVICE("InService"),
        OUT_OF_SERVICE("OutOfService"),
        DELETING("Deleting"),
        FAILED("Failed"),
        UPDATE_ROLLBACK_FAILED("UpdateRollbackFailed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** SageMaker's spelling, e.g. {@code InService}: what the page shows. */
        public String label() {
            return label;
        }

        /**
         * Whether the endpoint takes requests in this status. A blue/green update keeps the old fleet serving until
         * the switch, so Updating, SystemUpdating, RollingBack and UpdateRollbackFailed still serve.
         */
        public boolean servesTraffic() {
            return switch (this) {
                case IN_SERVICE, UPDATING, SYSTEM_UPDATING, ROLLING_BACK, UPDATE_ROLLBACK_FAILED -> true;
                case CREATING, OUT_OF_SERVICE, DELETING, FAILED -> false;
            };
        }

        /** Whether the status can still change by itself (a poller should look again soon). */
        public boolean transitional() {
            return switch (this) {
                case CREATING, UPDATING, SYSTEM_UPDATING, ROLLING_BACK, DELETING -> true;
                case IN_SERVICE, OUT_OF_SERVICE, FAILED, UPDATE_ROLLBACK_FAILED -> false;
            };
        }
    }

    /**
     * One production variant (SageMaker's {@code ProductionVariantSummary} / {@code PendingProductionVariantSummary}).
     *
     * @param model        what the variant runs
     * @param instanceType e.g. {@code ml.m5.xlarge}; in local mode the same name from config.yml (processes stand in
     *                     for instances)
     * @param statuses     SageMaker's {@code VariantStatus} list: what the variant is doing now, newest last; empty
     *                     when it simply serves
     */
    public record Variant(String variantName, ServedModel model, String instanceType, int currentInstanceCount,
            int desiredInstanceCount, double currentWeight, double desiredWeight, List<VariantStatus> statuses) {

        public Variant {
            Objects.requireNonNull(variantName, "variantName");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(instanceType, "instanceType");
            statuses = List.copyOf(statuses);
        }
    }

    /** One entry of SageMaker's {@code VariantStatus} list, e.g. Baking with "Baking for 600 seconds…". */
    public record VariantStatus(VariantStatusCode status, @Nullable String message, Instant startTime) {
    }

    /** SageMaker's {@code VariantStatus.Status}. */
    public enum VariantStatusCode {
        CREATING("Creating"),
        UPDATING("Updating"),
        DELETING("Deleting"),
        ACTIVATING_TRAFFIC("ActivatingTraffic"),
        BAKING("Baking");

        private final String label;

        VariantStatusCode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** SageMaker's {@code PendingDeploymentSummary}: the configuration a deployment in progress rolls out. */
    public record PendingDeployment(String endpointConfigName, Instant startTime, List<Variant> variants) {

        public PendingDeployment {
            Objects.requireNonNull(endpointConfigName, "endpointConfigName");
            variants = List.copyOf(variants);
        }
    }
}
