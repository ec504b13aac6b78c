/** The Models page: versions, their evaluation, the trend chart and the accept/reject dialog. */
@NullMarked
package com.poseops.registry.ui;

import org.jspecify.annotations.NullMarked;
