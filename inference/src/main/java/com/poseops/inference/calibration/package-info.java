/**
 * Calibration of MoveNet's keypoint confidence: per keypoint k, p(correct) = σ(a_k · logit(score_k) + b_k), where
 * "correct" is defined by a {@link com.poseops.inference.calibration.CorrectnessRule} (within a fraction of the torso
 * of the truth). The trainer fits the pairs, the inference server applies them
 * ({@link com.poseops.inference.calibration.CalibratedEstimator}) and the console's evaluation measures them
 * ({@link com.poseops.inference.calibration.CalibrationMetrics}): one definition for all three.
 */
@NullMarked
package com.poseops.inference.calibration;

import org.jspecify.annotations.NullMarked;
