/**
 * The Datasets page: list, upload, register, browse with the truth keypoints drawn.
 */
@NullMarked
package com.poseops.datasets.ui;

import org.jspecify.annotations.NullMarked;
