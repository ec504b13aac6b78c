/** The pose feature in local mode: uploads kept as files under the data directory, the local endpoint over HTTP. */
@NullMarked
package com.poseops.pose.local;

import org.jspecify.annotations.NullMarked;
