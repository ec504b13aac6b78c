package com.poseops.endpoints;

import com.poseops.endpoints.EndpointDescription.Status;
import com.poseops.endpoints.EndpointDescription.Variant;
import com.poseops.endpoints.EndpointDescription.VariantStatus;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint in one line, the same on every page that mentions it (Pose, Endpoints, Overview): SageMaker's status
 * word, what serves, and — for what only local mode knows, like a model download or a restarting process — the
 * variant's status message.
 *
 * @param statusLabel SageMaker's word ({@code InService} …), or {@code None} when there is no endpoint
 * @param sentence    one sentence for a person
 * @param tone        how a badge should look
 * @param blocking    why nothing can be predicted now (no endpoint, Failed, out of service), else null
 */
public record EndpointSummary(String statusLabel, String sentence, Tone tone, @Nullable String blocking) {

    public static final String NO_ENDPOINT_LABEL = "None";

    public enum Tone { SUCCESS, PROGRESS, WARNING, ERROR }

    public EndpointSummary {
        Objects.requireNonNull(statusLabel, "statusLabel");
        Objects.requireNonNull(sentence, "sentence");
        Objects.requireNonNull(tone, "tone");
    }

    public static EndpointSummary of(EndpointSnapshot snapshot) {
        EndpointDescription description = snapshot.description();
        String stale = snapshot.problem() == null ? "" : " (" + snapshot.problem() + ")";
        if (description == null) {
            String why = "No endpoint " + snapshot.endpointName() + " yet — deploy an approved version on the "
                    + "Endpoints page to create it.";
            return new EndpointSummary(NO_ENDPOINT_LABEL, why + stale, Tone.WARNING, why);
        }
        Status status = description.status();
        String serving = servingLabel(description);
        String message = latestMessage(description.variants());
        String sentence = switch (status) {
            case IN_SERVICE -> "Endpoint " + description.endpointName() + " is InService, serving " + serving + ".";
            case UPDATING -> "Endpoint " + description.endpointName() + " is Updating: " + pendingLabel(description)
                    + " is being deployed while " + serving + " serves.";
            case ROLLING_BACK -> "Endpoint " + description.endpointName() + " is RollingBack to " + serving + ".";
            case SYSTEM_UPDATING -> "Endpoint " + description.endpointName() + " is SystemUpdating; " + serving
                    + " serves.";
            case CREATING -> "Endpoint " + description.endpointName() + " is Creating"
                    + (message == null ? " (" + serving + ")." : ": " + message);
            case OUT_OF_SERVICE -> "Endpoint " + description.endpointName() + " is OutOfService"
                    + (message == null ? "." : ": " + message);
            case DELETING -> "Endpoint " + description.endpointName() + " is Deleting.";
            case FAILED, UPDATE_ROLLBACK_FAILED -> "Endpoint " + description.endpointName() + " is "
                    + status.label() + (description.failureReason() == null ? "." : ": "
                    + description.failureReason());
        };
        Tone tone = switch (status) {
            case IN_SERVICE -> Tone.SUCCESS;
            case UPDATING, ROLLING_BACK, SYSTEM_UPDATING, CREATING, DELETING -> Tone.PROGRESS;
            case OUT_OF_SERVICE -> Tone.WARNING;
            case FAILED, UPDATE_ROLLBACK_FAILED -> Tone.ERROR;
        };
        String blocking = status.servesTraffic() ? null : sentence;
        return new EndpointSummary(status.label(), sentence + stale, tone, blocking);
    }

    /** What the endpoint's current configuration serves: "version 3", or the model's name. */
    public static String servingLabel(EndpointDescription description) {
        return description.variants().isEmpty() ? "nothing yet" : description.variants().stream()
                .map(variant -> variant.model().label()).distinct().reduce((a, b) -> a + " and " + b).orElseThrow();
    }

    private static String pendingLabel(EndpointDescription description) {
        EndpointDescription.PendingDeployment pending = description.pendingDeployment();
        return pending == null || pending.variants().isEmpty() ? "a new configuration"
                : pending.variants().getFirst().model().label();
    }

    /** The newest variant status message (e.g. "Downloading the MoveNet model… 40 %"), if any variant has one. */
    private static @Nullable String latestMessage(List<Variant> variants) {
        VariantStatus newest = null;
        for (Variant variant : variants) {
            for (VariantStatus status : variant.statuses()) {
                if (status.message() != null && (newest == null || !status.startTime().isBefore(newest.startTime()))) {
                    newest = status;
                }
            }
        }
        return newest == null ? null : newest.message();
    }
}
