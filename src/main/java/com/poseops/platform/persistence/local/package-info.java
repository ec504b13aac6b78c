/** DynamoDB Local as a child process of the console, for local mode. */
@NullMarked
package com.poseops.platform.persistence.local;

import org.jspecify.annotations.NullMarked;
