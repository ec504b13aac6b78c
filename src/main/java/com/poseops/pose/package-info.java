/**
 * Upload an image, send it to the endpoint, show the keypoints (issue "Pose page"): the
 * {@link com.poseops.pose.EndpointClient} port, the prediction records and the parser of the inference server's JSON.
 */
@NullMarked
package com.poseops.pose;

import org.jspecify.annotations.NullMarked;
