/** The pose feature on AWS: SageMaker Runtime InvokeEndpoint on the configured endpoint. */
@NullMarked
package com.poseops.pose.aws;

import org.jspecify.annotations.NullMarked;
