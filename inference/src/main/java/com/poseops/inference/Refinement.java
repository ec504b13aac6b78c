package com.poseops.inference;

import com.poseops.inference.image.CropRegion;
import org.jspecify.annotations.Nullable;

/**
 * What the crop-region refinement did for one prediction.
 *
 * @param mode   the configured mode
 * @param ran    true when the keypoints come from a second pass on {@code region}
 * @param region the crop region of the second pass in original pixels (null when it did not run)
 */
public record Refinement(RefinementMode mode, boolean ran, @Nullable CropRegion region) {

    static Refinement notRun(RefinementMode mode) {
        return new Refinement(mode, false, null);
    }
}
