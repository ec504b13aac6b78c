/** The Pose page: upload an image, see the predicted keypoints drawn on it, download the annotated PNG. */
@NullMarked
package com.poseops.pose.ui;

import org.jspecify.annotations.NullMarked;
