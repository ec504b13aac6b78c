package com.poseops.endpoints;

import com.poseops.endpoints.EndpointException.Reason;
import com.poseops.platform.Text;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one table from "the model container refused or failed a request" to an {@link EndpointException}: the inference
 * server's error document {@code {"error":{"code","message"}}} by its code, else the container's HTTP status (as
 * SageMaker passes it on in a ModelError's {@code OriginalStatusCode}). Both invokers use it, so the Pose page says
 * the same thing in both modes.
 */
public final class ContainerErrors {

    /** An error document is small; anything much larger is not one. */
    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_DOCUMENT_BYTES).maxNestingDepth(8).maxStringLength(4096).build())
                    .build())
            .build();

    private ContainerErrors() {
    }

    /** The server's error document in {@code text} as the matching exception; empty when {@code text} is not one. */
    public static Optional<EndpointException> fromErrorDocument(String text) {
        if (text.isBlank() || text.length() > MAX_DOCUMENT_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(text);
            return root != null && root.isObject() ? fromErrorDocument(root) : Optional.empty();
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    /** {@link #fromErrorDocument(String)} for an already parsed JSON object. */
    public static Optional<EndpointException> fromErrorDocument(JsonNode root) {
        JsonNode error = root.get("error");
        if (error == null) {
            return Optional.empty();
        }
        String code = error.isObject() && error.path("code").isString() ? error.path("code").stringValue() : "";
        String detail = error.isObject() && error.path("message").isString()
                ? Text.printable(error.path("message").stringValue(), 300) : "";
        String because = detail.isEmpty() ? "" : " (" + detail + ")";
        return Optional.of(switch (code) {
            case "unsupported_media_type" -> new EndpointException(Reason.UNSUPPORTED_TYPE,
                    "The endpoint does not take this kind of file" + because + " — upload a JPEG or PNG image.");
            case "payload_too_large", "image_too_large" -> new EndpointException(Reason.TOO_LARGE,
                    "The image is too large for the endpoint" + because
                            + " — upload a smaller image (at most 6 MB, and a moderate resolution).");
            case "invalid_image" -> new EndpointException(Reason.INVALID_IMAGE,
                    "The endpoint could not read this image" + because + " — upload a valid JPEG or PNG photo.");
            case "overloaded" -> new EndpointException(Reason.OVERLOADED,
                    "The endpoint is busy with other requests" + because + " — try again in a few seconds.");
            case "model_not_ready" -> new EndpointException(Reason.UNAVAILABLE,
                    "The model is loading or the endpoint is shutting down" + because + " — try again in a few seconds.");
            default -> new EndpointException(Reason.MODEL_ERROR, "The endpoint failed on this image"
                    + (code.isEmpty() ? "" : " [" + Text.printable(code, 60) + "]") + because
                    + " — try another image; if it keeps failing, check the endpoint's logs.");
        });
    }

    /**
     * A request the container answered with {@code originalStatus} and {@code originalMessage} (SageMaker's ModelError,
     * or the local front door's 424, which carries the same fields).
     *
     * @param whereTheLogsAre e.g. "the endpoint's logs in CloudWatch (arn…)" or "data/logs/endpoint-green.log"
     */
    public static EndpointException fromModelError(int originalStatus, String originalMessage, String whereTheLogsAre,
            @Nullable Throwable cause) {
        Optional<EndpointException> fromServer = fromErrorDocument(originalMessage);
        if (fromServer.isPresent()) {
            return new EndpointException(fromServer.get().reason(), fromServer.get().getMessage(), cause);
        }
        String detail = Text.printable(originalMessage, 300);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("timed out") || lower.contains("timeout")) {
            return new EndpointException(Reason.TIMEOUT, "The model did not answer within SageMaker's 60 s ("
                    + detail + ") — try again; if it keeps happening, look at the latency on the Monitoring page.",
                    cause);
        }
        return switch (originalStatus) {
            case 413 -> new EndpointException(Reason.TOO_LARGE, "The image is too large for the endpoint (" + detail
                    + ") — upload a smaller image.", cause);
            case 415 -> new EndpointException(Reason.UNSUPPORTED_TYPE, "The endpoint does not take this kind of file ("
                    + detail + ") — upload a JPEG or PNG image.", cause);
            case 400, 422 -> new EndpointException(Reason.INVALID_IMAGE, "The endpoint could not read this image ("
                    + detail + ") — upload a valid JPEG or PNG photo.", cause);
            case 429, 503 -> new EndpointException(Reason.OVERLOADED, "The endpoint is busy (" + detail
                    + ") — try again in a few seconds.", cause);
            default -> new EndpointException(Reason.MODEL_ERROR, "The model container failed on this request (HTTP "
                    + (originalStatus == 0 ? "?" : originalStatus) + (detail.isEmpty() ? "" : ": " + detail)
                    + ") — see " + whereTheLogsAre + ".", cause);
        };
    }
}
