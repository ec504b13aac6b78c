/**
 * PoseOps: a console for the life of a MoveNet pose-estimation model on Amazon SageMaker (or on one machine).
 * Packaged by feature; see docs/ARCHITECTURE.md.
 */
@NullMarked
package com.poseops;

import org.jspecify.annotations.NullMarked;
