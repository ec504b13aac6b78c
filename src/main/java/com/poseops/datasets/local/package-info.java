/**
 * Local mode: dataset files under {@code <dataDir>/datasets}, registered folders read in place.
 */
@NullMarked
package com.poseops.datasets.local;

import org.jspecify.annotations.NullMarked;
