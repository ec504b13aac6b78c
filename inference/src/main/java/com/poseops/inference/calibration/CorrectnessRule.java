package com.poseops.inference.calibration;

import com.poseops.inference.BodyPart;
import com.poseops.inference.labels.LabelledPose;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * When a predicted keypoint counts as correct: within {@code fraction} × the torso length of its true position. The
 * torso length is the distance between the midpoint of the true shoulders and the midpoint of the true hips — it
 * scales with the person, not with the image, so a zoomed-out or padded view keeps the same meaning. A pose without
 * both shoulders and both hips labelled has no torso and gives no calibration samples.
 *
 * @param fraction share of the torso length, e.g. 0.2
 */
public record CorrectnessRule(double fraction) {

    /** The rule evaluation uses for every version (so versions compare), and the trainer's default. */
    public static final CorrectnessRule DEFAULT = new CorrectnessRule(0.2);

    public CorrectnessRule {
        if (!(fraction > 0) || fraction > 10) {
            throw new IllegalArgumentException("the correctness fraction must be in (0, 10], got " + fraction);
        }
    }

    /** The torso length of a labelled pose in pixels, or null when shoulders or hips are not labelled. */
    public static @Nullable Double torsoLength(LabelledPose truth) {
        BodyPart[] needed = {BodyPart.LEFT_SHOULDER, BodyPart.RIGHT_SHOULDER, BodyPart.LEFT_HIP, BodyPart.RIGHT_HIP};
        for (BodyPart part : needed) {
            if (!truth.isLabelled(part)) {
                return null;
            }
        }
        double shoulderX = (truth.x(BodyPart.LEFT_SHOULDER) + truth.x(BodyPart.RIGHT_SHOULDER)) / 2;
        double shoulderY = (truth.y(BodyPart.LEFT_SHOULDER) + truth.y(BodyPart.RIGHT_SHOULDER)) / 2;
        double hipX = (truth.x(BodyPart.LEFT_HIP) + truth.x(BodyPart.RIGHT_HIP)) / 2;
        double hipY = (truth.y(BodyPart.LEFT_HIP) + truth.y(BodyPart.RIGHT_HIP)) / 2;
        double length = Math.hypot(shoulderX - hipX, shoulderY - hipY);
        return length > 0 ? length : null;
    }

    /** The largest distance, in pixels, at which a keypoint of this pose is still correct; null without a torso. */
    public @Nullable Double tolerancePx(LabelledPose truth) {
        Double torso = torsoLength(truth);
        return torso == null ? null : fraction * torso;
    }

    /** How calibration.json and the UI state the rule, e.g. "within 0.2 × torso length of the truth". */
    public String describe() {
        return "within " + String.format(Locale.ROOT, "%.2f", fraction).replaceAll("0+$", "").replaceAll("\\.$", "")
                + " × torso length (true shoulder midpoint to hip midpoint) of the true position";
    }
}
