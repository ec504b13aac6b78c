/** Local endpoints: child processes of the inference server, health-gated, restarted when they die. */
@NullMarked
package com.poseops.endpoints.local;

import org.jspecify.annotations.NullMarked;
