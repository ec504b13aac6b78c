package com.poseops.inference;

import java.util.Locale;

/**
 * MoveNet's crop-region refinement: after a first pass on the whole (letterboxed) frame, a second pass on a square
 * region around the person found by the first (the algorithm of the MoveNet tutorial, see {@link CropRegions}).
 */
public enum RefinementMode {
    /** One pass on the whole frame, as before refinement existed. */
    OFF,
    /**
     * A second pass when the first found the torso (shoulders and hips with score above 0.2) and the region around the
     * body is meaningfully smaller than the frame ({@link CropRegions#AUTO_MAX_REGION_FRACTION}). The default.
     */
    AUTO,
    /** A second pass whenever the first found the torso and the region differs from the whole frame. */
    ALWAYS;

    /** The name in configuration and JSON: {@code off}, {@code auto}, {@code always}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code off}, {@code auto} or {@code always} (any case). */
    public static RefinementMode parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> OFF;
            case "auto" -> AUTO;
            case "always" -> ALWAYS;
            default -> throw new IllegalArgumentException("expected auto, off or always, got " + value);
        };
    }
}
