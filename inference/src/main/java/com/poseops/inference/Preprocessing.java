package com.poseops.inference;

/** How an image is fitted into the square S×S model input. */
public enum Preprocessing {
    /**
     * Keep the aspect ratio: scale the long side to S, centre, pad with black (like {@code tf.image.resize_with_pad}).
     * The default; keypoints are mapped back through the padding to pixels of the original image.
     */
    LETTERBOX,
    /** Resize the whole image to S×S without padding (aspect ratio not kept). Used by the Coral reference test. */
    STRETCH
}
