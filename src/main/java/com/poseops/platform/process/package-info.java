/** Child processes of the console (DynamoDB Local, local endpoints): how they are started and stopped. */
@NullMarked
package com.poseops.platform.process;

import org.jspecify.annotations.NullMarked;
