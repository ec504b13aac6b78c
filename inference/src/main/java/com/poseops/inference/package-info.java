/**
 * MoveNet SinglePose inference: the only copy of the pose-estimation code in PoseOps.
 *
 * <p>The public engine API lives in this package: {@link com.poseops.inference.MoveNetEngine} (implements
 * {@link com.poseops.inference.PoseEstimator}) turns JPEG/PNG bytes or a {@link java.awt.image.BufferedImage} into a
 * {@link com.poseops.inference.PosePrediction}; {@link com.poseops.inference.ModelDownloader} fetches the official
 * models. The HTTP server that SageMaker (and local mode) runs is in {@code com.poseops.inference.server}; it is a
 * client of the same engine API. No Spring in here: the console embeds this code as a plain library.
 */
@NullMarked
package com.poseops.inference;

import org.jspecify.annotations.NullMarked;
