package com.poseops.inference.calibration;

import com.poseops.inference.BodyPart;
import com.poseops.inference.labels.LabelledPose;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * When a predicted keypoint counts as correct: within {@code fraction} × the torso diameter of its true position —
 * PCK's rule. The torso diameter is the distance from the true left shoulder to the true right hip (PCK's reference
 * length on LSP); it scales with the person, not with the image, so a zoomed-out or padded view keeps the same
 * meaning. The one definition in the project: training, evaluation and the inference benchmark's PCK use it. A pose
 * without its left shoulder and right hip labelled has no torso diameter and gives no calibration samples.
 *
 * @param fraction share of the torso diameter, e.g. 0.2
 */
public record CorrectnessRule(double fraction) {

    /** The rule evaluation uses for every version (so versions compare), and the trainer's default. */
    public static final CorrectnessRule DEFAULT = new CorrectnessRule(0.2);

    public CorrectnessRule {
        if (!(fraction > 0) || fraction > 10) {
            throw new IllegalArgumentException("the correctness fraction must be in (0, 10], got " + fraction);
        }
    }

    /** The torso diameter of a labelled pose in pixels, or null when its left shoulder or right hip is not labelled. */
    public static @Nullable Double torsoLength(LabelledPose truth) {
        if (!truth.isLabelled(BodyPart.LEFT_SHOULDER) || !truth.isLabelled(BodyPart.RIGHT_HIP)) {
            return null;
        }
        double length = torsoDiameter(truth.x(BodyPart.LEFT_SHOULDER), truth.y(BodyPart.LEFT_SHOULDER),
                truth.x(BodyPart.RIGHT_HIP), truth.y(BodyPart.RIGHT_HIP));
        return length > 0 ? length : null;
    }

    /** Left shoulder to right hip, in pixels. */
    public static double torsoDiameter(double leftShoulderX, double leftShoulderY, double rightHipX, double rightHipY) {
        return Math.hypot(leftShoulderX - rightHipX, leftShoulderY - rightHipY);
    }

    /** The largest distance, in pixels, at which a keypoint of this pose is still correct; null without a torso. */
    public @Nullable Double tolerancePx(LabelledPose truth) {
        Double torso = torsoLength(truth);
        return torso == null ? null : fraction * torso;
    }

    /** How calibration.json and the UI state the rule, e.g. "within 0.2 × torso diameter … of the true position". */
    public String describe() {
        return "within " + String.format(Locale.ROOT, "%.2f", fraction).replaceAll("0+$", "").replaceAll("\\.$", "")
                + " × torso diameter (true left shoulder to true right hip) of the true position";
    }
}
