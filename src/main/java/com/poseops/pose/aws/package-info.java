/** The pose feature on AWS: uploads in S3. */
@NullMarked
package com.poseops.pose.aws;

import org.jspecify.annotations.NullMarked;
