/**
 * aws mode: dataset files in S3 under {@code S3Config.inputDir}, registered prefixes read in place.
 */
@NullMarked
package com.poseops.datasets.aws;

import org.jspecify.annotations.NullMarked;
