/** The pose feature in local mode: uploads kept as files under the data directory. */
@NullMarked
package com.poseops.pose.local;

import org.jspecify.annotations.NullMarked;
