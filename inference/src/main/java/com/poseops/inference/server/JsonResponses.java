package com.poseops.inference.server;

import com.poseops.inference.ErrorCode;
import com.poseops.inference.Keypoint;
import com.poseops.inference.ModelInfo;
import com.poseops.inference.PosePrediction;
import com.poseops.inference.Refinement;
import com.poseops.inference.Timings;
import com.poseops.inference.image.CropRegion;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;

/**
 * The JSON bodies of the server, written by hand: the shape is fixed and small, and this costs a few microseconds
 * (no reflection, no intermediate tree). Output is pure ASCII (non-ASCII characters are escaped as \\uXXXX).
 * The contract is documented in inference/README.md and checked by InferenceServerTest.
 */
public final class JsonResponses {

    private JsonResponses() {
    }

    /**
     * {@code {"model":{…},"image":{"width","height"},"keypoints":[{"name","x","y","score","rawScore"}×17],"score",
     * "rawScore","refinement":{"mode","ran","region"},"timingsMs":{…,"firstPass":{…},"secondPass":{…}|null}}}.
     * {@code score} is calibrated when a calibration was applied (then {@code model.calibration} names it),
     * {@code rawScore} is always the model's own. Fields are only ever added (the console's PoseResultParser reads the
     * original ones).
     */
    public static byte[] prediction(PosePrediction p) {
        StringBuilder json = new StringBuilder(1800);
        ModelInfo m = p.model();
        json.append("{\"model\":{\"name\":");
        string(json, m.name());
        json.append(",\"inputSize\":").append(m.inputSize()).append(",\"inputType\":");
        string(json, m.inputType());
        json.append(",\"sha256\":");
        string(json, m.sha256());
        if (m.calibration() != null) {
            json.append(",\"calibration\":");
            string(json, m.calibration());
        }
        json.append("},\"image\":{\"width\":").append(p.imageWidth()).append(",\"height\":").append(p.imageHeight())
                .append("},\"keypoints\":[");
        boolean first = true;
        for (Keypoint k : p.keypoints()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append("{\"name\":\"").append(k.name()).append("\",\"x\":");
            fixed(json, k.x(), 2);
            member(json, "y", k.y(), 2);
            member(json, "score", k.score(), 4);
            member(json, "rawScore", k.rawScore(), 4);
            json.append('}');
        }
        json.append("],\"score\":");
        fixed(json, p.score(), 4);
        member(json, "rawScore", rawMean(p), 4);
        Refinement r = p.refinement();
        json.append(",\"refinement\":{\"mode\":\"").append(r.mode().label()).append("\",\"ran\":").append(r.ran())
                .append(",\"region\":");
        CropRegion region = r.region();
        if (region == null) {
            json.append("null");
        } else {
            json.append("{\"x\":");
            fixed(json, region.x(), 2);
            member(json, "y", region.y(), 2);
            member(json, "size", region.size(), 2);
            json.append('}');
        }
        json.append('}');
        Timings t = p.timings();
        json.append(",\"timingsMs\":{\"decode\":");
        fixed(json, t.decodeMs(), 3);
        member(json, "preprocess", t.preprocessMs(), 3);
        member(json, "inference", t.inferenceMs(), 3);
        member(json, "postprocess", t.postprocessMs(), 3);
        member(json, "total", t.totalMs(), 3);
        json.append(",\"firstPass\":");
        pass(json, t.firstPass());
        json.append(",\"secondPass\":");
        pass(json, t.secondPass());
        json.append("}}");
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void pass(StringBuilder json, Timings.@Nullable Pass pass) {
        if (pass == null) {
            json.append("null");
            return;
        }
        json.append("{\"decode\":");
        fixed(json, pass.decodeMs(), 3);
        member(json, "preprocess", pass.preprocessMs(), 3);
        member(json, "inference", pass.inferenceMs(), 3);
        json.append('}');
    }

    private static double rawMean(PosePrediction p) {
        double sum = 0;
        for (Keypoint k : p.keypoints()) {
            sum += k.rawScore();
        }
        return sum / p.keypoints().size();
    }

    /** {@code {"error":{"code":"invalid_image","message":"…"}}}. */
    public static byte[] error(ErrorCode code, String message) {
        StringBuilder json = new StringBuilder(64 + message.length());
        json.append("{\"error\":{\"code\":");
        string(json, code.code());
        json.append(",\"message\":");
        string(json, message);
        json.append("}}");
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code {"status":"ready","model":"<name>"}}: the body of a successful /ping. */
    public static byte[] ready(ModelInfo model) {
        StringBuilder json = new StringBuilder(96);
        json.append("{\"status\":\"ready\",\"model\":");
        string(json, model.name());
        json.append('}');
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A number with a fixed number of decimals, without String.format (which is slow). Non-finite → 0. */
    static void fixed(StringBuilder json, double value, int decimals) {
        if (!Double.isFinite(value)) {
            json.append('0');
            return;
        }
        long scale = decimals == 2 ? 100 : decimals == 3 ? 1000 : decimals == 4 ? 10_000 : (long) Math.pow(10, decimals);
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            json.append('-');
        }
        json.append(scaled / scale).append('.');
        String fraction = Long.toString(scaled % scale);
        for (int i = fraction.length(); i < decimals; i++) {
            json.append('0');
        }
        json.append(fraction);
    }

    /** {@code ,"key":value} — a member after the first one of an object, the value as {@link #fixed}. */
    private static void member(StringBuilder json, String key, double value, int decimals) {
        json.append(",\"").append(key).append("\":");
        fixed(json, value, decimals);
    }

    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
