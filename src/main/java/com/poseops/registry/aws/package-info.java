/** The model registry on SageMaker Model Registry (model package group) with the artifacts in S3. */
@NullMarked
package com.poseops.registry.aws;

import org.jspecify.annotations.NullMarked;
