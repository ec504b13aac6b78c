/**
 * The Training page: jobs, job detail with live curves, compare runs, start and stop.
 */
@NullMarked
package com.poseops.training.ui;

import org.jspecify.annotations.NullMarked;
