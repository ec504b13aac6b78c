/** Monitoring adapters for local mode: recording the front door's traffic and the variants' resource use per minute in DynamoDB, and capturing requests as SageMaker does. */
@NullMarked
package com.poseops.monitoring.local;

import org.jspecify.annotations.NullMarked;
