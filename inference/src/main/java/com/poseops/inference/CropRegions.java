package com.poseops.inference;

import com.poseops.inference.image.CropRegion;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * MoveNet's crop-region algorithm (the {@code determine_crop_region} of the TensorFlow MoveNet tutorial), on
 * keypoints in pixels of the image as displayed:
 * <ol>
 * <li>the torso must be visible: a hip and a shoulder (left or right) with score above {@link #MIN_SCORE};</li>
 * <li>centre: the middle of the two hips;</li>
 * <li>half side: the largest of 1.9 × the torso's reach from the centre (shoulders, hips) and 1.2 × the body's reach
 * (every keypoint above {@link #MIN_SCORE}), but no more than the largest distance from the centre to an image
 * edge;</li>
 * <li>if that half side exceeds half the image's long side, the region is the whole (letterboxed) frame: no crop.</li>
 * </ol>
 */
public final class CropRegions {

    /** The tutorial's {@code MIN_CROP_KEYPOINT_SCORE}. */
    public static final double MIN_SCORE = 0.2;
    /** The tutorial's factors: the torso's reach × 1.9, the body's reach × 1.2. */
    static final double TORSO_EXPANSION = 1.9;
    static final double BODY_EXPANSION = 1.2;
    /**
     * {@link RefinementMode#AUTO} runs the second pass only when the region's side is at most this fraction of the
     * image's long side: on a person who already fills the frame a second pass costs a model run and changes little
     * (measured in docs/PERFORMANCE.md, "Crop-region refinement").
     */
    public static final double AUTO_MAX_REGION_FRACTION = 0.8;

    private CropRegions() {
    }

    /**
     * The square region around the person, in original pixels, or null when the tutorial's algorithm falls back to the
     * whole frame (torso not visible, or the body nearly fills the frame).
     */
    public static @Nullable CropRegion determine(List<Keypoint> keypoints, int width, int height) {
        if (!torsoVisible(keypoints)) {
            return null;
        }
        Keypoint leftHip = keypoints.get(BodyPart.LEFT_HIP.ordinal());
        Keypoint rightHip = keypoints.get(BodyPart.RIGHT_HIP.ordinal());
        double centerX = (leftHip.x() + rightHip.x()) / 2;
        double centerY = (leftHip.y() + rightHip.y()) / 2;
        double torsoReach = 0;
        for (BodyPart joint : List.of(BodyPart.LEFT_SHOULDER, BodyPart.RIGHT_SHOULDER, BodyPart.LEFT_HIP,
                BodyPart.RIGHT_HIP)) {
            Keypoint k = keypoints.get(joint.ordinal());
            torsoReach = Math.max(torsoReach, Math.max(Math.abs(centerX - k.x()), Math.abs(centerY - k.y())));
        }
        double bodyReach = 0;
        for (Keypoint k : keypoints) {
            if (k.score() >= MIN_SCORE) {
                bodyReach = Math.max(bodyReach, Math.max(Math.abs(centerX - k.x()), Math.abs(centerY - k.y())));
            }
        }
        double half = Math.max(torsoReach * TORSO_EXPANSION, bodyReach * BODY_EXPANSION);
        half = Math.min(half, Math.max(Math.max(centerX, width - centerX), Math.max(centerY, height - centerY)));
        if (half > Math.max(width, height) / 2.0 || !(half > 0)) {
            return null;
        }
        return new CropRegion(centerX - half, centerY - half, 2 * half);
    }

    /** Whether the mode runs a second pass on {@code region} of a width × height image. */
    static boolean worthRefining(RefinementMode mode, @Nullable CropRegion region, int width, int height) {
        if (region == null || mode == RefinementMode.OFF) {
            return false;
        }
        return mode == RefinementMode.ALWAYS
                || region.size() <= AUTO_MAX_REGION_FRACTION * Math.max(width, height);
    }

    private static boolean torsoVisible(List<Keypoint> k) {
        return (k.get(BodyPart.LEFT_HIP.ordinal()).score() > MIN_SCORE
                || k.get(BodyPart.RIGHT_HIP.ordinal()).score() > MIN_SCORE)
                && (k.get(BodyPart.LEFT_SHOULDER.ordinal()).score() > MIN_SCORE
                || k.get(BodyPart.RIGHT_SHOULDER.ordinal()).score() > MIN_SCORE);
    }
}
