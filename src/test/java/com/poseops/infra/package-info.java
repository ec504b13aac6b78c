/** Tests of infra/cloudformation: lint, the IAM rules of decision 0111, and the console role against the code. */
@NullMarked
package com.poseops.infra;

import org.jspecify.annotations.NullMarked;
