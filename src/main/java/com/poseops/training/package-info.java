/**
 * Training: start and stop training jobs under SageMaker's training contract, watch their curves, compare runs, and turn a completed job's artifact into a Pending model version. The service and its port ({@link com.poseops.training.TrainingBackend}) live here; one poller per console ({@link com.poseops.training.TrainingMonitor}) pushes progress to every open page.
 */
@NullMarked
package com.poseops.training;

import org.jspecify.annotations.NullMarked;
