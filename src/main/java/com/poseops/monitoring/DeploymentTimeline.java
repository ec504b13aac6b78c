package com.poseops.monitoring;

import com.poseops.endpoints.Deployment;
import com.poseops.endpoints.ServedModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint's deployment history read for the charts: the markers in a range, and which version served at an
 * instant (for a violation).
 */
public final class DeploymentTimeline {

    private final List<Deployment> deployments;
    private final @Nullable ServedModel servingNow;

    /**
     * @param deployments every deployment up to the end of the range (any order)
     * @param servingNow  what serves now, for instants after the last deployment (or with no history)
     */
    public DeploymentTimeline(List<Deployment> deployments, @Nullable ServedModel servingNow) {
        this.deployments = deployments.stream().sorted(Comparator.comparing(Deployment::startedAt)).toList();
        this.servingNow = servingNow;
    }

    /** The deploys, rollbacks and automatic rollbacks within [from, to), oldest first. */
    public List<DeploymentMarker> markers(Instant from, Instant to) {
        List<DeploymentMarker> markers = new ArrayList<>();
        for (Deployment d : deployments) {
            String versions = label(d.from()) + " → " + d.to().label();
            if (within(d.startedAt(), from, to)) {
                DeploymentMarker.Kind kind = d.kind() == Deployment.Kind.ROLLBACK
                        ? DeploymentMarker.Kind.ROLLBACK : DeploymentMarker.Kind.DEPLOY;
                markers.add(new DeploymentMarker(d.startedAt(), kind, d.kind().label() + " " + versions));
            }
            if (d.outcome() == Deployment.Outcome.ROLLED_BACK_AUTOMATICALLY && d.endedAt() != null
                    && within(d.endedAt(), from, to)) {
                markers.add(new DeploymentMarker(d.endedAt(), DeploymentMarker.Kind.AUTO_ROLLBACK,
                        "Auto-rollback " + d.to().label() + " → " + label(d.from())
                                + (d.outcomeDetail() == null ? "" : " (" + d.outcomeDetail() + ")")));
            }
        }
        markers.sort(Comparator.comparing(DeploymentMarker::at));
        return List.copyOf(markers);
    }

    /** Which version served at {@code at}: "version 4", or "version 3 → version 4 (deploying)" mid-deployment. */
    public String servedAt(Instant at) {
        return servingAt(at).label();
    }

    /**
     * The registry version that served at {@code at}; null mid-deployment (both fleets may serve), before the first
     * known deployment of an unregistered model, or when nothing is known.
     */
    public @Nullable Integer versionAt(Instant at) {
        return servingAt(at).version();
    }

    private Serving servingAt(Instant at) {
        Deployment last = null;
        for (Deployment d : deployments) {
            if (d.startedAt().isAfter(at)) {
                if (last == null) {
                    return Serving.of(d.from(), "nothing"); // before the first deployment we know of: what it replaced
                }
                break;
            }
            last = d;
        }
        if (last == null) {
            return Serving.of(servingNow, "unknown");
        }
        if (last.endedAt() == null || last.endedAt().isAfter(at)) {
            return new Serving(label(last.from()) + " → " + last.to().label() + " (deploying)", null);
        }
        return switch (last.outcome()) {
            case SUCCEEDED, ROLLED_BACK_BY_PERSON, IN_PROGRESS -> Serving.of(last.to(), "nothing");
            case ROLLED_BACK_AUTOMATICALLY, ABORTED, FAILED -> Serving.of(last.from(), "nothing");
        };
    }

    private record Serving(String label, @Nullable Integer version) {

        static Serving of(@Nullable ServedModel model, String ifNone) {
            return new Serving(model == null ? ifNone : model.label(), model == null ? null : model.version());
        }
    }

    private static String label(@Nullable ServedModel model) {
        return model == null ? "nothing" : model.label();
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
