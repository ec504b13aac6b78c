package com.poseops.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * SageMaker's data-capture format, one JSON object per line, and its file layout — written by local mode, read in both:
 * <pre>
 * {"captureData":{"endpointInput":{"observedContentType":"image/jpeg","mode":"INPUT","data":"…","encoding":"BASE64"},
 *                 "endpointOutput":{"observedContentType":"application/json","mode":"OUTPUT","data":"…","encoding":"JSON"}},
 *  "eventMetadata":{"eventId":"…","inferenceTime":"2026-11-29T20:43:12Z"},"eventVersion":"0"}
 * </pre>
 * Files lie under {@code <prefix>/<endpoint>/<variant>/yyyy/MM/dd/HH/}.
 */
public final class CaptureFormat {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter HOUR_PATH =
            DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    private CaptureFormat() {
    }

    /** The folder of an hour within a variant's folder, e.g. {@code 2026/11/29/20}. */
    public static String hourPath(Instant at) {
        return HOUR_PATH.format(at);
    }

    /** One line (without the line break) for a request and its response. */
    public static String line(Instant at, String requestContentType, byte[] request, String responseContentType,
            byte[] response) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("captureData");
        data.set("endpointInput", body(requestContentType, "INPUT", request));
        data.set("endpointOutput", body(responseContentType, "OUTPUT", response));
        root.putObject("eventMetadata").put("eventId", UUID.randomUUID().toString())
                .put("inferenceTime", at.toString());
        root.put("eventVersion", "0");
        return JSON.writeValueAsString(root);
    }

    private static ObjectNode body(String contentType, String mode, byte[] bytes) {
        ObjectNode node = JSON.createObjectNode();
        node.put("observedContentType", contentType);
        node.put("mode", mode);
        if (contentType.toLowerCase(java.util.Locale.ROOT).contains("json") && isUtf8Json(bytes)) {
            node.put("data", new String(bytes, StandardCharsets.UTF_8));
            node.put("encoding", "JSON");
        } else {
            node.put("data", Base64.getEncoder().encodeToString(bytes));
            node.put("encoding", "BASE64");
        }
        return node;
    }

    private static boolean isUtf8Json(byte[] bytes) {
        try {
            JSON.readTree(bytes);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** Reads one line; empty when it is not a capture record (a broken or foreign line is skipped, not fatal). */
    public static Optional<CapturedRequest> parse(String id, String variant, String line) {
        try {
            JsonNode root = JSON.readTree(line);
            JsonNode input = root.path("captureData").path("endpointInput");
            JsonNode output = root.path("captureData").path("endpointOutput");
            String time = root.path("eventMetadata").path("inferenceTime").asString("");
            if (input.isMissingNode() || output.isMissingNode() || time.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new CapturedRequest(id, Instant.parse(time), variant,
                    input.path("observedContentType").asString("application/octet-stream"), decode(input),
                    output.path("observedContentType").asString("application/octet-stream"), decode(output)));
        } catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static byte[] decode(JsonNode body) {
        String data = body.path("data").asString("");
        return "BASE64".equalsIgnoreCase(body.path("encoding").asString("")) ? Base64.getDecoder().decode(data)
                : data.getBytes(StandardCharsets.UTF_8);
    }
}
