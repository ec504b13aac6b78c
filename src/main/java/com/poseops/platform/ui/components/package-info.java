/**
 * UI pieces every feature's pages share (charts, badges, progress), so that the console speaks one visual vocabulary
 * and no page hard-codes its own colours or chart setup.
 */
@NullMarked
package com.poseops.platform.ui.components;

import org.jspecify.annotations.NullMarked;
