/**
 * Upload an image, send it to the endpoint, show the keypoints (issue "Pose page"): the service, the prediction
 * records and the parser of the inference server's JSON. Invocation itself belongs to the endpoints feature.
 */
@NullMarked
package com.poseops.pose;

import org.jspecify.annotations.NullMarked;
