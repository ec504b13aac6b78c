/**
 * Datasets: labelled image sets (images plus truth keypoints) that the console keeps, checks and shows: uploaded as a zip, or registered from a folder (local mode) or an S3 prefix (aws mode). Training jobs take them as channels and the Models page evaluates on one. Other features may depend on this one, never the other way round.
 */
@NullMarked
package com.poseops.datasets;

import org.jspecify.annotations.NullMarked;
