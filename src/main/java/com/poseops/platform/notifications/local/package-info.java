/** Sending notifications to a webhook (local mode). */
@NullMarked
package com.poseops.platform.notifications.local;

import org.jspecify.annotations.NullMarked;
