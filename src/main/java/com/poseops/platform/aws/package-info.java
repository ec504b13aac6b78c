/** The one place that builds AWS SDK clients: region, credentials chain and the optional endpoint override. */
@NullMarked
package com.poseops.platform.aws;

import org.jspecify.annotations.NullMarked;
