package com.poseops.inference.training;

import com.poseops.inference.labels.LabelledPose;
import java.awt.image.BufferedImage;

/** A decoded, upright training or validation image with its truth and the SHA-256 of its file. */
record LabelledImage(String name, String sha256, BufferedImage image, LabelledPose truth) {
}
