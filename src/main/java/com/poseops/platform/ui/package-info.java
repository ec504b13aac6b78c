/** The console's shell: layout and navigation, sign-in, theme switch, overview, administration and error pages. */
@NullMarked
package com.poseops.platform.ui;

import org.jspecify.annotations.NullMarked;
