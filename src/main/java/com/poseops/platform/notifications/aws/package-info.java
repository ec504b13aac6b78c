/** Sending notifications to the SNS topic of the stack (aws mode). */
@NullMarked
package com.poseops.platform.notifications.aws;

import org.jspecify.annotations.NullMarked;
