package com.poseops.endpoints;

import org.jspecify.annotations.Nullable;

/**
 * Invoking the endpoint failed. The message is meant for the person on the Pose page (what happened and what to do);
 * the reason lets code decide (e.g. offer "try again" when {@link Reason#retryable()}).
 */
public class EndpointException extends RuntimeException {

    public enum Reason {
        /** There is no endpoint: nothing has been deployed yet (or it was deleted). */
        NOT_DEPLOYED(false),
        /** The endpoint exists but cannot serve now: Creating, Failed, Deleting, OutOfService. */
        NOT_IN_SERVICE(true),
        /** The server could not decode the image. */
        INVALID_IMAGE(false),
        /** Not a JPEG or PNG. */
        UNSUPPORTED_TYPE(false),
        /** The request or the decoded image is larger than the endpoint takes. */
        TOO_LARGE(false),
        /** The inference server is at capacity. */
        OVERLOADED(true),
        /** AWS throttled the call. */
        THROTTLED(true),
        /** The model container failed on this request. */
        MODEL_ERROR(false),
        /** No answer within the time limit. */
        TIMEOUT(true),
        /** The endpoint or SageMaker could not be reached, or is not ready. */
        UNAVAILABLE(true),
        /** PoseOps' credentials may not invoke or describe the endpoint. */
        ACCESS_DENIED(false),
        /** The answer is not a valid pose prediction. */
        BAD_RESPONSE(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether the same request may well succeed if tried again a little later. */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;

    public EndpointException(Reason reason, String message) {
        this(reason, message, null);
    }

    public EndpointException(Reason reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
