/**
 * Endpoints: where the model serves. In local mode, real processes of the inference server on loopback ports
 * (blue/green variants of one endpoint); in aws mode, the SageMaker endpoint named in config.yml.
 */
@NullMarked
package com.poseops.endpoints;

import org.jspecify.annotations.NullMarked;
