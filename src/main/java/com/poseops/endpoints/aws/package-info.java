/**
 * aws mode of the endpoints feature: the {@code EndpointControlPlane} on Amazon SageMaker (models, endpoint
 * configurations, blue/green {@code UpdateEndpoint}) and the rollback alarms in CloudWatch.
 */
@NullMarked
package com.poseops.endpoints.aws;

import org.jspecify.annotations.NullMarked;
