/**
 * The {@code train} program of the inference image (SageMaker's bring-your-own-container training contract): fits the
 * keypoint-confidence calibration of a frozen MoveNet model on augmented views of labelled images. Entry point
 * {@link com.poseops.inference.training.TrainMain}; the contract's paths are in
 * {@link com.poseops.inference.training.TrainingPaths}; hyperparameters and the metrics it prints are declared in
 * {@link com.poseops.inference.training.Hyperparameters} and {@link com.poseops.inference.training.TrainerMetrics},
 * which the console uses too.
 */
@NullMarked
package com.poseops.inference.training;

import org.jspecify.annotations.NullMarked;
