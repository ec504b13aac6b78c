/** The notification centre in the header of every page. */
@NullMarked
package com.poseops.platform.notifications.ui;

import org.jspecify.annotations.NullMarked;
