/** The endpoints feature on AWS: SageMaker Runtime InvokeEndpoint (and SageMaker's control plane). */
@NullMarked
package com.poseops.endpoints.aws;

import org.jspecify.annotations.NullMarked;
