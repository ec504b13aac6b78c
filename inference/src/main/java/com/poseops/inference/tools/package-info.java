/** Command-line tools (model download and packing for SageMaker). */
@NullMarked
package com.poseops.inference.tools;

import org.jspecify.annotations.NullMarked;
