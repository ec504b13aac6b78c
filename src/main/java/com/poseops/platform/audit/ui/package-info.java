/** The audit log page. */
@NullMarked
package com.poseops.platform.audit.ui;

import org.jspecify.annotations.NullMarked;
