package com.poseops.inference;

/**
 * Machine-readable error codes of the inference API, with the HTTP status the server answers. The JSON error body is
 * {@code {"error":{"code":"<code>","message":"<for a person>"}}}.
 */
public enum ErrorCode {
    /** The Content-Type is not an accepted image type, or the body is a known but unsupported format (GIF, WebP…). */
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    /** The request body is larger than the server accepts (6 MiB by default, SageMaker's own limit). */
    PAYLOAD_TOO_LARGE("payload_too_large", 413),
    /** The image header declares more pixels than allowed (40 MP by default); refused before decoding. */
    IMAGE_TOO_LARGE("image_too_large", 413),
    /** The body is empty, not a JPEG/PNG, truncated or corrupt. */
    INVALID_IMAGE("invalid_image", 400),
    /** All interpreters are busy and the wait queue is full: retry later or scale out. */
    OVERLOADED("overloaded", 503),
    /** The model is still loading or warming up (or the server is shutting down). */
    MODEL_NOT_READY("model_not_ready", 503),
    /** Unknown path. */
    NOT_FOUND("not_found", 404),
    /** Known path, wrong HTTP method. */
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    /** A bug or a runtime failure; the message says what failed, the server log has the details. */
    INTERNAL_ERROR("internal_error", 500);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The string in the JSON body, e.g. {@code invalid_image}. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
