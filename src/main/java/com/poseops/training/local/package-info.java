/**
 * Local mode: training jobs as child processes under SageMaker's training contract, in per-job folders under {@code <dataDir>/training}.
 */
@NullMarked
package com.poseops.training.local;

import org.jspecify.annotations.NullMarked;
