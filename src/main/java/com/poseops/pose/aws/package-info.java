/** The pose feature on AWS: SageMaker Runtime InvokeEndpoint on the configured endpoint, uploads in S3. */
@NullMarked
package com.poseops.pose.aws;

import org.jspecify.annotations.NullMarked;
