/** The Monitoring page. */
@NullMarked
package com.poseops.monitoring.ui;

import org.jspecify.annotations.NullMarked;
