/**
 * The local model registry: versions in DynamoDB (Local), model files under {@code <dataDir>/models/registry}, with
 * the same states and rules as SageMaker Model Registry; and the model the local endpoint serves.
 */
@NullMarked
package com.poseops.registry.local;

import org.jspecify.annotations.NullMarked;
