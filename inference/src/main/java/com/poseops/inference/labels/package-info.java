/**
 * Labelled pose images: the truth keypoints of a set of images, read from a {@code pose_landmark_truth.csv}-style
 * CSV (optionally with an {@code image} column) or a COCO person-keypoints JSON. The one reader of label files in
 * PoseOps: the trainer's channels, the console's datasets and its evaluation set all use it.
 */
@NullMarked
package com.poseops.inference.labels;

import org.jspecify.annotations.NullMarked;
